use crate::declare_rule;
use crate::extract::{InstructionKind, Role};
use crate::rules::RuleOptions;
use crate::rules::{Category, CheckContext, Question, RawFinding, Rule, Severity};
use crate::text::{Analysis, Token, TokenKind, actions, vocabulary};

declare_rule! {
    /// ## What it does
    /// Flags instructions that ask for nothing: an empty marker (a bare
    /// `FIXME`, `TODO:`), a question in place of a task ("should we look the
    /// instance up again here?"), a note of one or two words that names no
    /// action and nothing to build ("memory issues", "Error check"), and a
    /// comment addressed to an agent that only describes a situation
    /// ("sometimes the tag is nil") without asking for anything.
    ///
    /// In a maintainers' note only an open question is flagged: one that
    /// judges without naming what ("is this correct?", "can we do better
    /// here?") or names nothing ("why?"). A question tagged with its issue
    /// (`FIXME(WebAssembly/WASI#900): is this the right behavior?`) is
    /// asked there. A question that names its subject
    /// ("is this a good default value?"), asks whether the line it sits on
    /// is needed ("Is this check needed?": remove it and see), or is
    /// followed by its evidence or a
    /// candidate answer ("needed? Doesn't get exercised in any test.") says
    /// what to find out. In a checklist, a yes/no question ("Is the cache
    /// warmed?", "Any conflicts?", Polish "Czy …?", also after its
    /// condition: "If the fix was tactical, is there a plan for the root
    /// cause?", or after a step and an arrow, a dash or a colon: "Open the
    /// visit → are its details shown?"), a one-word state ("started?",
    /// "done?") is a check and is left alone, and a question for a fact ("Where will the fellowship
    /// take place?", "If yes, which projects?") is an item to find it out;
    /// a question of what to do ("why …", "how …", "what if …", "what
    /// should we do about …") is still flagged, unless a statement follows
    /// it on its line to give the direction ("How are crons managed?
    /// Should be schedule-ish"). A bold title labels the
    /// question after it: "**Add feature classification**: is this feature
    /// invariant or not?" asks for the title's work (so does "**FIRST:
    /// Identify the requirements** - What must be answered?", after the
    /// title's own label), "**Clustering parity**
    /// — does it cluster as well?" is a check. Items under a heading of
    /// questions ("## Open Questions", "## Questions to Answer", also over
    /// subsections such as "### Pricing") are questions to settle, not
    /// tasks, and so is a question in a list that asks others (a
    /// questionnaire: "- [ ] ¿Hay algún scheduler externo?" over "- [ ]
    /// ¿Qué plan de Upstash está contratado?"), unless a heading names the
    /// list as work ("## TODO", "## Tasks"). A checklist item that names only a topic is the pedantic rule
    /// `bare-topic`'s.
    ///
    /// ## Why is this bad?
    /// A topic tells the receiver where to look, not what to do there. "Memory
    /// issues" could mean fix a leak, measure usage, or document a limit. A
    /// question asks the receiver to make your decision; an observation
    /// leaves them to guess whether anything should change.
    ///
    /// ## Example
    /// ```ruby
    /// # FIXME: memory issues
    /// ```
    /// Use instead:
    /// ```ruby
    /// # FIXME: stream rows in import_csv instead of loading the file; a 2 GB
    /// # upload takes 9 GB of RAM
    /// ```
    ///
    /// An empty marker is not flagged where the code around it says what it
    /// is about:
    ///
    /// - **A heading over notes**: alone on its line, over comment lines
    ///   indented deeper (`// TODO:` over `\t// CPU side dithering`), it
    ///   heads the list of what to do.
    ///
    /// - **A stub or an idle branch it fills**: the whole body of a block
    ///   (`fn draw() { //TODO }`, `if (subresource) { // TODO }` under the
    ///   spec step it implements); a stub that only returns a literal, an
    ///   empty value, a constant, success or its argument under it (`return
    ///   'success'`, `return {};`, `return NODE_NORMAL;`, `return
    ///   mlir::success();`, `return ctx;`), or
    ///   only traces its call over it (`TRACE();` then `// TODO`); Python's
    ///   `# TODO` over `pass`, or `pass  # TODO`, `assert False  # TODO`;
    ///   C's over `assert(false);`; a docstring that says what the stub is
    ///   to do (`"""Previous sentence."""` over `# TODO:`).
    ///   Rust's last expression may stand in too (`// TODO` over `Ok(())`).
    ///   Beside these a stub may quiet the compiler about what it ignores
    ///   (`(void)data;`, `UNUSED_PARAMETER(voltex);`) or dump it
    ///   (`dbg!(action);`), or trace its call over the marker
    ///   (`log("getRemoteUser");`). A placeholder may be several (`return
    ///   "", nil`) or built from them (`return h2o_iovec_init(NULL, 0);`).
    ///   So is a `TODO` over such a function, past its attributes (`//
    ///   TODO` over `fn html_len(&self) -> usize { 0 }`, or over an empty
    ///   one, or ending its one line: `bool canProbe() const override {
    ///   return false; } // TODO`), or over an `impl` of `todo!()` methods; not over a type
    ///   stub's `...`, which declares.
    /// - **A `case` or arm that does nothing**: `case 128: { break; } //
    ///   TODO` beside the case that does the work, `case K_X1MOUSE: /* TODO
    ///   */ return 0;`, `case IsAvc:` over `// TODO` and `return 0;`, `//
    ///   TODO:` over `CenterOfWindow => {}`, Go's `case reflect.Slice:`
    ///   over `// TODO` and `continue`; a loop's `continue  # TODO` under
    ///   the condition that names what it skips for now. A `case` that falls through
    ///   (`case A: // TODO` over `case B:`) is flagged.
    /// - **Code switched off**: the line of the `#if 0` itself, or an
    ///   `#else` the marker is all of. A marker on a line inside `#if 0`
    ///   code is about that line, and is flagged. In a function, a `TODO`
    ///   right over a block comment of code (`// TODO` over `/*
    ///   report_invalid_record(state, "…"); goto err; */`) asks to bring it
    ///   back; at a file's top level a definition switched off says nothing
    ///   of why, and is flagged.
    /// - **A placeholder value**: a `TODO` ending a line that sets one
    ///   (`isEncrypted: false, // TODO`, `atime: SystemTime::UNIX_EPOCH, //
    ///   TODO`, or a `// TODO` alone over a line that sets a name to
    ///   nothing: a null, an empty string, a type's zero; Go's `deprecated := "" // TODO`, `let location =
    ///   Location::default(); // TODO`: the name says what to fill in;
    ///   `"errorInformation": {},  # TODO` in a mocked response), a
    ///   placeholder type (`KindRef = Any  # TODO`, `options: dict[str,
    ///   Incomplete],  # TODO`, TypeScript's `schema: any // TODO`, a JSDoc
    ///   `/** @type {any} */ // TODO`, a cast `meta: part as any, // TODO`),
    ///   an empty address (`compound: '0x',
    ///   // TODO`), an empty value cast or built (`icon: '' as Asset, //
    ///   TODO`, `AliasedTextResource(body=""),  # TODO`), an arm
    ///   that yields an empty one (`Self::Exchange { .. } => "", //TODO`) or
    ///   a C# member that does (`GetDye(int idx) => null; // TODO`), a
    ///   placeholder argument (`nil /* TODO */`), or a name the line ignores
    ///   (`_timeout_ms: Option<Duration>, //TODO`, `_ = replace_blocks; //
    ///   TODO`: use it).
    /// - **A row of a table left unfinished**: a `TODO` ending one row
    ///   among like rows that holds an empty stand-in (zero, `null`, an
    ///   empty string), an entry among entries
    ///   (`DOLPHIN(31, 0f), //TODO` among an enum's entity types), a
    ///   statement among statements of its form (`msg.u8[4] = 0; //TODO`
    ///   under `msg.u8[3] = 0x01;`) or a call among calls to the same
    ///   function (`soundMap.put(Sound.SALMON, null); // TODO`): the rows
    ///   beside it show what a finished one holds. A keyed setting
    ///   (`router: '0x1f2e', // TODO`), a lone assignment and a row that
    ///   looks finished (`Msync = 24, // TODO`) are flagged.
    /// - **A value not known yet**: a `TODO` on or over code whose first
    ///   name says so, as reverse-engineered formats read such fields raw
    ///   (`Unk1 = reader.ReadBytes(2); // TODO`, `// TODO` over
    ///   `unknown1.Read(reader);`): the work is finding out what it is.
    /// - **A checker's suppression under it**: `//TODO:` over
    ///   `#![allow(clippy::…)]` or over an entry of its list, `# TODO` over
    ///   a `[[tool.mypy.overrides]]` table or a line ending `# noqa`, an
    ///   entry of a linter's ignore list (`"ANN",  # TODO` in ruff's
    ///   `ignore`): fix what it hides and drop it. A marker at the end of
    ///   the suppression's own line is flagged, and so is one over `//
    ///   @ts-expect-error` or `// eslint-disable` without a reason; with one
    ///   (`// @ts-expect-error this edge case is not handled yet`), the
    ///   reason is the note.
    /// - **A test it switches off or expects to fail**: `// FIXME` over
    ///   `#[should_panic]`, `#[ignore]`, `@pytest.mark.xfail`, or at the end
    ///   of such a mark (`@unittest.expectedFailure  # TODO(telepath)`,
    ///   `@unittest.skip("doesn't work yet!")  # TODO(mattjj)`,
    ///   `@unittest.skipIf(IS_PYPY, "pypy skip known failure")  # TODO`), or
    ///   a test switched off by its name (`def
    ///   disable_test_parse_sizeof(self):  # TODO`, `DISABLED_`, `xit(`), or
    ///   named in a list of tests switched off (`"test_comp_point",  #
    ///   FIXME` in a `skipped` list). A
    ///   skip whose reason is a marker (`@unittest.skip("TODO")`) is
    ///   flagged.
    /// - **A statement that stops or skips with its reason**: `// FIXME` over
    ///   `panic!("this should be an error")`, `t.Skip("flaky test") // TODO`,
    ///   an assertion's message (`assert len(s) == 1, "Don't know why it is
    ///   wrapped"  # FIXME`, `UCC_ASSERT(nargs <= 4, "TODO: more than 4
    ///   args"); /* FIXME */`), an arm that aborts with one (`// TODO` over
    ///   `V128 => abort("support for v128")`), an error returned with one
    ///   (`// TODO` over `return Err("cannot produce a range between 8 bit
    ///   and multi-byte characters".to_string());`). A skip that names only the test
    ///   (`it.skip("normalizes elements")`) says nothing of why, and its
    ///   marker is flagged.
    /// - **Code that says it is not done**: `raise NotImplementedError  #
    ///   TODO(mattjj)`, `todo!()`, an error named for what is not supported
    ///   (`_ => Err(Error::UnsupportedInstruction(op)), //TODO`), `//
    ///   TODO:` over `notImplemented(window, "navigation to another
    ///   Document")` or `throw new Error('Not implemented')`, a message
    ///   that says what is not supported (`_('Importing Alice PGN is not
    ///   supported')`), or output
    ///   that is only the marker (`sb.append("TODO"); //TODO` in a stub).
    /// - **A marker with words beside it**: on a line just above, which a
    ///   bare one at the end of a line repeats (`--color-brand-600: #ff6a26;
    ///   /* TODO */` under `--color-brand: #ff5500; /* TODO: replace with your
    ///   primary */`), or on the line under it, which a bare tag tags (`//
    ///   TODO(gix)` over `// TODO(performance): make an efficient version …`).
    /// - **A step asked right above**: a comment of its own line that asks
    ///   for a step in words, over a `TODO` ending a line of code (`#
    ///   Append to running` over `return  # TODO`) or over a bare marker
    ///   alone on its line (`/* Clear handle and page tables */` over
    ///   `//TODO`): the step is not done yet.
    /// - **A note that goes on below**: C written one `/* … */` per line
    ///   (`/* TODO: */` over `/* add return code, see at nameserver_pick()
    ///   */`). Code switched off under it (`/*@import url("a.css");*/`)
    ///   says nothing of why, and the marker is flagged.
    /// - **A banner**: rule lines around it (`// -----` over and under `//
    ///   TODO`) make it the heading of the notes after it.
    /// - **A stub's return or guard**: a marker ending a stub's `return
    ///   [];` or its stand-in string (`return 'exists { "Stubbed" }'; //
    ///   TODO`), over `return Promise.resolve();`, under a check of the
    ///   arguments that gives up (`if (!authToken) throw new Error(…);`),
    ///   in an arrow function that gives back its argument (`(m: M): M =>
    ///   // TODO m`), or all of a literal (`export const DATA = [ // TODO
    ///   ];`). `return None  # TODO` in a mapping's branch marks a case
    ///   left to map, and is flagged.
    /// - **An issue tag** (`FIXME(#122)`, `TODO(b/189287598)`,
    ///   `TODO(T31574848)`, a link to the issue), a tag that files it under
    ///   a kind of work the project greps for (`TODO(term-workaround)`,
    ///   `TODO(react-18-upgrade)`, `TODO(i18n)` on a label to translate), or
    ///   **commented-out code** (`//
    ///   todo!();`).
    ///
    /// A bare `XXX` marks code to read with care (`tm->TM_ZONE = NULL; /*
    /// XXX */`), and a bare `HACK` labels a workaround (`/* HACK HACK HACK
    /// */` around a block that explains itself), not work to do; `XXX?` and
    /// `HACK?` are open doubts and are flagged. A
    /// question answered where it is asked ("Achievable in a week? — Yes.")
    /// records a decision.
    ///
    /// A bug title that states what goes wrong ("Paintbrush movement creates
    /// artefacts") is an action: make it stop. Text in a script the word lists
    /// cannot read (Chinese, say) is left alone.
    ///
    /// ## Configuration
    /// ```toml
    /// [rules]
    /// missing-action = "off"
    /// ```
    pub static RULE = {
        name: "missing-action",
        category: Category::Clarity,
        severity: Severity::Warning,
        summary: "An instruction that asks for nothing: an empty marker, an open question, an observation",
        options: &[],
        judges: &[Role::Task, Role::Note],
        pedantic: &[],
        question: Question::WhatToDo,
        build: build,
    }
}

fn build(_: &RuleOptions) -> Box<dyn Rule> {
    Box::new(Check)
}

struct Check;

impl Rule for Check {
    fn check(&self, cx: &CheckContext, out: &mut Vec<RawFinding>) {
        // A task document is judged as a whole by missing-done-criteria.
        if cx.kind() == InstructionKind::TaskDocument {
            return;
        }
        let a = cx.analysis;
        let own = cx.own_tokens();
        let has_content = a.tokens[own.clone()]
            .iter()
            .any(|t| matches!(t.kind, TokenKind::Word | TokenKind::Verbatim));
        if !has_content {
            // A checklist item whose words are all in its sub-items is a
            // heading for them, not an empty task; a doc comment that is only
            // `TODO` (`/// TODO`) is a placeholder for the missing docs.
            let doc_placeholder = cx.kind() == InstructionKind::Comment
                && is_doc_comment(&cx.instruction.layout.continuation_prefix);
            // `// todo!();` is commented-out code; `FIXME(#122)` is about
            // the issue it names.
            let code = a.text.contains('(');
            let tracked = cx
                .instruction
                .marker
                .as_deref()
                .is_some_and(|m| names_an_issue(m) || names_a_kind_of_work(m));
            // The whole body of a stub (`fn draw() { //TODO }`, an empty
            // `if` branch): the function's name or the condition says what
            // to write.
            let stub = cx.instruction.marks_a_stub;
            // `// FIXME` over `#[should_panic]`: make the test pass.
            let failing_test = cx.instruction.marks_a_failing_test;
            // `// FIXME` over `panic!("this should be an error")`: the
            // message says it.
            let stated = cx.instruction.next_to_a_stated_failure;
            // `# TODO` under `# TODO: argparse`: the marker above says it.
            let repeated = cx.instruction.beside_a_worded_marker;
            // A bare `XXX` asks its reader to mind the code it sits on (the
            // BSD convention: `tm->TM_ZONE = NULL; /* XXX */`, a known
            // approximation), not for work; "XXX?" doubts it, and is flagged.
            // A bare `HACK` labels the line a workaround (astropy's
            // `configuration._cfgobjs["testpkg"] = None  # HACK`, pygame's
            // `/* HACK HACK HACK */` around an explained block): judged a
            // label, not a task, 7 times in 11.
            let attention = cx.instruction.marker.as_deref().is_some_and(|m| {
                m.split_whitespace()
                    .all(|w| w.eq_ignore_ascii_case("XXX") || w.eq_ignore_ascii_case("HACK"))
            }) && a
                .text
                .trim()
                .trim_matches([':', '.', '!'])
                .trim()
                .is_empty();
            // A marker framed by rules (`// -----` over and under `// TODO`)
            // heads the section of notes after it: rclone's pikpak backend
            // lists its to-dos under such a banner.
            let banner = is_a_rule_line(a.text);
            // A checklist item that is only an ellipsis (`- [ ] ...` under
            // "In progress" in a progress tracker) holds a list's place
            // until it has items: nothing is asked yet.
            let elided = cx.kind() == InstructionKind::TaskItem
                && matches!(a.text.trim(), "..." | "…" | "....");
            if cx.instruction.subitems.is_empty()
                && !elided
                && !attention
                && !doc_placeholder
                && !code
                && !tracked
                && !stub
                && !failing_test
                && !stated
                && !repeated
                && !banner
            {
                let what = cx.instruction.marker.as_deref().unwrap_or("item");
                out.push(RawFinding::new(
                    0..a.text.len(),
                    format!(
                        "this {what} says nothing: write what to do and how to tell it is done"
                    ),
                ));
            }
            return;
        }
        if !cx.is_readable() {
            return;
        }
        let mut first = a.sentences.first().cloned().unwrap_or(own.clone());
        // A checklist item's bold title labels its detail: "**Add feature
        // classification**: is this feature invariant, …?" asks for the
        // title's work, and "**Clustering parity** — does the model cluster
        // as well?" is a check.
        if cx.kind() == InstructionKind::TaskItem
            && let Some(detail) = after_bold_title(a, own.clone())
        {
            // "**FIRST: Identify explicit user requirements** - What
            // specific questions must be answered?": the title asks, after
            // its own label.
            let title_asks = |from: usize| actions::action_at(a, from, detail).is_some();
            let labelled =
                label_colon(a, own.start..detail).is_some_and(|colon| title_asks(colon + 1));
            if title_asks(own.start) || labelled {
                return;
            }
            first = a.sentence_of(detail);
            first.start = first.start.max(detail);
        }
        let mut first = first.start..first.end.min(own.end);
        // "Evaluate: does the visual structure match the author's intent?"
        // asks for the evaluation; "Amnesia test: would a naive agent
        // succeed?" is a check under its label.
        if cx.kind() == InstructionKind::TaskItem
            && let Some(colon) = label_colon(a, first.clone())
        {
            if actions::action_at(a, first.start, colon).is_some() {
                return;
            }
            first.start = colon + 1;
        }
        let role = cx.role();
        // A note's question with a proposal in it ("use `u64` instead?")
        // tells its readers the candidate: only a bare question is flagged.
        let proposes = actions::action_at(a, first.start, first.end).is_some();
        // A checklist's "Is the cache warmed?" is a check to tick, and its
        // "Where will the fellowship take place?" a fact to find out.
        let check = cx.kind() == InstructionKind::TaskItem
            && (is_yes_no(a, first.clone())
                || asks_for_a_fact(a, first.clone())
                || is_a_status_box(a, first.clone())
                || checks_after_a_step(a, first.clone()));
        // "Fix `.scd` looping issues?" asks for the fix, doubting only
        // whether it is needed; "?? Reword the tags ??" doubts it all.
        let doubted_whole = a.tokens[own.clone()]
            .iter()
            .find(|t| t.kind != TokenKind::Newline)
            .is_some_and(|t| t.is_punct('?'));
        let opens_with_an_action = |from: usize| {
            let from = past_a_step_label(a, from, first.end);
            actions::action_at(a, from, first.end)
                .is_some_and(|verb| only_tags_and_openers(a, from..verb))
        };
        // "[bug] color is not set on selected fields: set theme color upon
        // entering tracker?" states the problem, then asks for its fix.
        let acts_after_its_problem = || {
            (first.start..first.end)
                .filter(|&i| a.tokens[i].is_punct(':') && !a.in_aside(i))
                .any(|colon| opens_with_an_action(colon + 1))
        };
        let asks_to_act = cx.kind() == InstructionKind::TaskItem
            && !doubted_whole
            && !a.tokens.get(first.start).is_some_and(|t| t.is_punct('?'))
            && (opens_with_an_action(first.start) || acts_after_its_problem());
        // "Achievable in a week? — Yes." records the answer with the question.
        let answered = answers_itself(a, first.end, own.end);
        let flagged = !answered
            && match role {
                // One followed by a statement gives the direction or the
                // evidence ("How are crons managed? Should prob be
                // schedule/heartbeat-ish", "What about XAML input events?
                // The thin control will need to forward them").
                // A proposal asked as another question ("Copy paste in and
                // out?") still leaves the decision open.
                Role::Task => {
                    !check && !asks_to_act && !states_more_on_its_line(a, first.end, own.clone())
                }
                // A checklist that is not a list of work asks its reader
                // questions on purpose (a review checklist).
                _ if cx.kind() == InstructionKind::TaskItem => false,
                // A note's question that names what it is about ("Should we
                // rename it to `meta()`?") states the decision to make; only an
                // open one ("is this correct?", "why?") leaves it all to the
                // reader.
                // One followed by a statement gives the doubt's evidence or
                // the candidate answer ("needed? Doesn't get exercised in any
                // test.", "Is this still necessary? We should probably drop it.").
                // One tagged with its issue (`FIXME(WebAssembly/WASI#900): is
                // this the right behavior?`) is asked there.
                _ => {
                    !proposes
                        && !cx.instruction.marker.as_deref().is_some_and(names_an_issue)
                        && is_open_question(a, own.clone())
                        && !says_more_after(a, first.end, own.clone())
                }
            };
        if is_question(a, first.clone()) && flagged {
            out.push(RawFinding::new(
                a.span(first),
                "this is a question, not a task: state the decision, or what to find out and where to record it",
            ));
            return;
        }
        // A maintainers' note may name a feature ("Angular support") or point
        // at a link; only a bare word or two that name no action and nothing
        // to build is empty for any reader ("memory issues", "Error check").
        // A checklist of topics is `bare-topic`'s (pedantic): real checklists
        // list features, prerequisites and criteria as noun phrases.
        // Judged on real repositories, these are as often clear in their
        // place ("TODO: rm", "Angular support") as not: pedantic.
        if role == Role::Note
            && cx.pedantic
            && cx.kind() == InstructionKind::Comment
            && names_a_topic(cx, a)
            && is_bare_topic(a, own.clone())
        {
            out.push(RawFinding::new(
                a.span(own),
                "this names a topic but no action: say what to do about it",
            ));
            return;
        }
        // Maintainers' notes often record a known limitation; only a
        // delegation must ask for something.
        if role == Role::Task
            && cx.kind() == InstructionKind::Comment
            && only_describes(a, own.clone())
        {
            out.push(RawFinding::new(
                a.span(own),
                "this describes a situation but asks for nothing: say what should change",
            ));
        }
    }
}

/// Whether the instruction names a topic and no action: no verb, no stub
/// ("`parse()` not yet implemented"), not only a link or issue number, not
/// only names of code. A parent item's sub-items carry its actions.
pub(super) fn names_a_topic(cx: &CheckContext, a: &Analysis) -> bool {
    let own = cx.own_tokens();
    cx.instruction.subitems.is_empty()
        && !has_a_verb(a, own.clone())
        && !names_a_stub(a, own.clone())
        && !only_points_elsewhere(a, own.clone())
        && !only_names_code(a, own)
}

/// The first token after a checklist item's bold title and the colon or
/// dash that ends it ("**Clustering parity** — does …"), if it opens with
/// one.
/// The colon that ends a short label at the start of `range` ("Evaluate:",
/// "FIRST:"), if there is one within [`MAX_LABEL_TOKENS`].
fn label_colon(a: &Analysis, range: std::ops::Range<usize>) -> Option<usize> {
    (range.start..range.end.min(range.start + MAX_LABEL_TOKENS))
        .find(|&i| a.tokens[i].is_punct(':'))
}

fn after_bold_title(a: &Analysis, own: std::ops::Range<usize>) -> Option<usize> {
    let detail = a.after_bold_title(a.tokens.get(own.start)?.range.start)?;
    let i = (own.start..own.end).find(|&i| a.tokens[i].range.start >= detail)?;
    a.tokens[i..own.end]
        .iter()
        .any(|t| t.is_word())
        .then_some(i)
}

/// Whether a marker's tag is an issue: `FIXME(#122)`, `TODO(1234)`,
/// `TODO(GH-77)`, another repository's `FIXME(WebAssembly/WASI#900)`,
/// Google's bug tracker's `TODO(b/189287598)`.
fn names_an_issue(marker: &str) -> bool {
    let Some((_, tag)) = marker.split_once('(') else {
        return false;
    };
    let tag = tag.trim_end_matches(')');
    // A link to the issue: `FIXME(https://github.com/facebook/rocksdb/issues/13293)`.
    if tag.starts_with("http") && (tag.contains("/issues/") || tag.contains("/pull/")) {
        return true;
    }
    // A task in Meta's tracker: `TODO(T31574848)`.
    if let Some(number) = tag.strip_prefix('T')
        && number.len() >= 5
        && number.chars().all(|c| c.is_ascii_digit())
    {
        return true;
    }
    let digits = tag.trim_start_matches(|c: char| !c.is_ascii_digit());
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && (tag.contains('#')
            || tag.len() == digits.len()
            || tag.contains('-')
            || tag.starts_with("b/"))
}

/// Kinds of work a marker's tag may file it under.
const KINDS_OF_WORK: &[&str] = &[
    "workaround",
    "upgrade",
    "migration",
    "cleanup",
    "refactor",
    "compat",
    "deprecation",
    "removal",
    "followup",
];

/// Whether a marker's tag files it under a kind of work, a tag the
/// project greps for: fish's `TODO(term-workaround)` over each terminal's
/// workaround (it has a feature flag to drop them all), Convex's
/// `TODO(react-18-upgrade)` on each cast the upgrade left. A name is one
/// word or ends in initials (`TODO(owen-d)`).
fn names_a_kind_of_work(marker: &str) -> bool {
    let Some((_, tag)) = marker.split_once('(') else {
        return false;
    };
    let tag = tag.trim_end_matches(')');
    // `TODO(i18n)` on a hard-coded label asks to move it into the string
    // resources (BizarreCRM tags each of its 51 English labels so).
    if TRANSLATION_TAGS.contains(&tag.to_ascii_lowercase().as_str()) {
        return true;
    }
    let parts: Vec<&str> = tag.split(['-', '_']).collect();
    parts.len() >= 2
        && parts
            .last()
            .is_some_and(|last| KINDS_OF_WORK.contains(&last.to_ascii_lowercase().as_str()))
        && parts
            .iter()
            .all(|p| p.len() >= 2 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Tags that name the work on the text they mark: translating it, or
/// making it accessible (`i18n`, `l10n`, `g11n`, `a11y` are numeronyms of
/// internationalization, localization, globalization, accessibility).
const TRANSLATION_TAGS: &[&str] = &[
    "i18n",
    "l10n",
    "g11n",
    "a11y",
    "translate",
    "translation",
    "localize",
    "localization",
];

/// Whether a comment continues with a doc-comment prefix (`///`, `//!`,
/// ` * ` of `/** */`).
fn is_doc_comment(continuation: &str) -> bool {
    let prefix = continuation.trim_start_matches(['\r', '\n']).trim_start();
    prefix.starts_with("///") || prefix.starts_with("//!") || prefix.starts_with('*')
}

/// Words that judge without saying by what measure: a question built on one
/// asks the reader to supply the measure. Not "needed" or "necessary": "Is
/// this check needed?" over one line asks whether to keep it, and the test
/// is to remove it (judged clear at its code 24 times in 33).
const EVALUATIVE: &[&str] = &[
    "right",
    "correct",
    "cleaner",
    "better",
    "best",
    "good",
    "proper",
    "ok",
    "okay",
    "safe",
    "intentional",
    "intended",
    "wrong",
    "work",
    "works",
];

/// A question that names nothing to decide about: no code, no name, and
/// either a few words ("What case is this?", "highWaterMark?" is code) or
/// built on a word of judgement ("is there a cleaner way to do this?").
/// Whether a checklist item is a step, an arrow or a dash, then a yes/no
/// question ("Add used dye (paint) — does the stock go down?", "Open the
/// visit → details: are they all shown?", salonbw's acceptance-test plan
/// in Polish, round 116): a test to run and the result to check.
fn checks_after_a_step(a: &Analysis, sentence: std::ops::Range<usize>) -> bool {
    (sentence.start..sentence.end)
        .filter(|&i| matches!(a.tokens[i].kind, TokenKind::Punct('→' | '—' | '–' | ':')))
        .any(|i| i > sentence.start && is_yes_no(a, i + 1..sentence.end))
}

/// Whether a question is one word that names a state of the work
/// ("started?", "finished?", "done?" under each task of syn_parser's plan,
/// round 115): a box to tick when it holds, which the tick answers.
fn is_a_status_box(a: &Analysis, sentence: std::ops::Range<usize>) -> bool {
    let mut words = a.tokens[sentence].iter().filter(|t| t.is_word());
    let (Some(word), None) = (words.next(), words.next()) else {
        return false;
    };
    let w = word.lower.as_str();
    (w.len() > 4 && w.ends_with("ed")) || matches!(w, "done" | "complete" | "ready" | "ok")
}

fn is_open_question(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    // "what about when the geoms cross zones?" raises a case and stops;
    // "What about allowing duplicates?" names what to consider, and is
    // read as any other question (judged on real code, 9 of 13 such
    // questions were clear at their code).
    let opening: Vec<&str> = a.tokens[own.clone()]
        .iter()
        .filter(|t| t.is_word())
        .take(3)
        .map(|t| t.lower.as_str())
        .collect();
    if matches!(
        opening.as_slice(),
        [
            "what" | "how",
            "about",
            "when" | "if" | "this" | "that" | "it"
        ]
    ) {
        return true;
    }
    let mut words = 0;
    let mut judges = false;
    let mut only_function_words = true;
    // Words that name what the doubt is about ("Is the upper bound a better
    // guess?", "is this a good default value?"): with two of them the
    // question says what to find out.
    let mut naming = 0;
    for t in &a.tokens[own] {
        match t.kind {
            TokenKind::Verbatim | TokenKind::Punct('(' | '`' | '"') => return false,
            TokenKind::Word => {
                let raw = &a.text[t.range.clone()];
                let code = raw.contains('_')
                    || raw.chars().skip(1).any(|c| c.is_ascii_uppercase())
                        && raw.chars().any(|c| c.is_ascii_lowercase());
                if code {
                    return false;
                }
                words += 1;
                let word = t.lower.as_str();
                judges |= EVALUATIVE.contains(&word);
                only_function_words &= FUNCTION_WORDS.contains(&word);
                if !EVALUATIVE.contains(&word)
                    && !FUNCTION_WORDS.contains(&word)
                    && !GENERIC_WORDS.contains(&word)
                {
                    naming += 1;
                }
            }
            _ => {}
        }
    }
    (judges && naming == 0) || (words > 0 && words <= 4 && only_function_words)
}

/// Words that name no subject of their own in a question: "can we do
/// better", "is there a way to make this work".
const GENERIC_WORDS: &[&str] = &[
    "can",
    "could",
    "should",
    "would",
    "we",
    "i",
    "you",
    "to",
    "do",
    "get",
    "make",
    "have",
    "has",
    "there",
    "way",
    "thing",
    "things",
    "of",
    "in",
    "on",
    "an",
    "or",
    "and",
    "not",
    "be",
    "any",
    "some",
    "something",
    "else",
    "anymore",
    "still",
    "yet",
    "again",
    "just",
    "more",
    "less",
    "much",
    "need",
    "use",
    // Words around the judgement that name nothing ("Is this always
    // right?", "Better way of doing this?", "Is this correct? Does this
    // matter?").
    "always",
    "actually",
    "than",
    "one",
    "doing",
    "done",
    "matter",
    "might",
    "know",
    "general",
    "s",
];

/// Words that name nothing: a question made only of them ("what is this?",
/// "why?", "wat?") asks without saying about what.
const FUNCTION_WORDS: &[&str] = &[
    "why", "what", "how", "who", "when", "where", "which", "is", "are", "was", "does", "do", "did",
    "this", "that", "it", "here", "there", "the", "a", "we", "case", "for", "wat", "huh", "hmm",
    "so", "now", "still", "really", "even", "about",
];

/// Where a question starts after the condition that opens it: "If the fix
/// was tactical, is there a plan to address the root cause?" (Polly's
/// incident response checklist) asks from "is".
fn after_its_condition(a: &Analysis, sentence: std::ops::Range<usize>) -> usize {
    if let Some(first) = a.next_word(sentence.start, &sentence)
        && matches!(a.tokens[first].lower.as_str(), "if" | "when" | "once")
        // Not a comma in an aside: "If any secrets (GitHub or NuGet token,
        // Azure credentials) were leaked, have they been rotated?"
        && let Some(comma) =
            (first..sentence.end).find(|&i| !a.in_aside(i) && a.tokens[i].is_punct(','))
    {
        return comma + 1;
    }
    sentence.start
}

/// A question after a fact, opening with its question word ("Where will
/// the fellowship take place?", "If yes, which projects?"): a checklist
/// item to find it out, ticked when it is answered. A question of what to
/// do leaves the decision open: "why" asks the reader to justify, "how"
/// for a design, "what if" about a case, and a modal or the team as its
/// subject ("what should we do about the root cause?") for a choice.
fn asks_for_a_fact(a: &Analysis, sentence: std::ops::Range<usize>) -> bool {
    let Some(first) = a.next_word(after_its_condition(a, sentence.clone()), &sentence) else {
        return false;
    };
    let wh = matches!(
        a.tokens[first].lower.as_str(),
        "what" | "which" | "where" | "when" | "who" | "whom" | "whose"
    );
    let words = || {
        (first + 1..sentence.end)
            .filter(|&i| a.tokens[i].kind == TokenKind::Word)
            .map(|i| a.tokens[i].lower.as_str())
    };
    wh && words().next() != Some("if")
        && !words().any(|w| {
            matches!(
                w,
                "should"
                    | "shall"
                    | "could"
                    | "would"
                    | "might"
                    | "must"
                    | "can"
                    | "we"
                    | "i"
                    | "us"
                    | "our"
            )
        })
}

/// Whether the tokens in `range`, before an action, are only punctuation,
/// tags ("[feature] remove fabs?") and openers ("Maybe query schema,
/// figure out if anything's missing?"): nothing that makes the action
/// part of a longer question.
fn only_tags_and_openers(a: &Analysis, range: std::ops::Range<usize>) -> bool {
    range.clone().all(|i| {
        let t = &a.tokens[i];
        match t.kind {
            TokenKind::Word => {
                let tagged = |open: char, close: char| {
                    i.checked_sub(1)
                        .is_some_and(|p| p >= range.start && a.tokens[p].is_punct(open))
                        && a.tokens.get(i + 1).is_some_and(|n| n.is_punct(close))
                };
                tagged('[', ']')
                    || tagged('(', ')')
                    || vocabulary::OPENERS.contains(&t.lower.as_str())
            }
            TokenKind::Verbatim => false,
            _ => true,
        }
    })
}

/// The first token from `from` past a step's number or a plan's task id
/// and the punctuation around it: "0.4.4 Replace …", "T012 Add …".
fn past_a_step_label(a: &Analysis, from: usize, end: usize) -> usize {
    let mut i = from;
    let mut labelled = false;
    while i < end {
        let t = &a.tokens[i];
        let label = t.is_word()
            && (vocabulary::is_a_step_number(&t.lower)
                || vocabulary::is_a_task_id(&a.text[t.range.clone()]));
        if label {
            labelled = true;
        } else if !matches!(t.kind, TokenKind::Punct(_)) {
            break;
        }
        i += 1;
    }
    if labelled { i } else { from }
}

/// A yes/no question: it opens with an auxiliary ("Is the cache warmed?",
/// "Does EB agree on the problem?").
fn is_yes_no(a: &Analysis, sentence: std::ops::Range<usize>) -> bool {
    a.next_word(after_its_condition(a, sentence.clone()), &sentence)
        .is_some_and(|i| {
            matches!(
                a.tokens[i].lower.as_str(),
                "is" | "are"
                // "Am I re-requesting an image anytime I change anything?"
                | "am"
                | "does"
                | "do"
                | "did"
                | "has"
                | "have"
                | "can"
                | "will"
                // "Would a naive agent succeed?": a check of a result.
                | "would"
                | "was"
                | "were"
                // "Any conflicts or coordination issues?": elliptical for
                // "are there any".
                | "any"
                // "No layer violations or new circular deps?": elliptical
                // for "are there no" (a review checklist, round 72).
                | "no"
                // Polish "czy", which opens a yes/no question ("Czy
                // godziny otwarcia zgadzają się?", an acceptance-test
                // plan's checks, round 116).
                | "czy"
            )
        })
}

/// Whether any sentence of the instruction has a verb: "property implement.
/// Look for the `JsSuppressionAction`" asks in its second sentence.
fn has_a_verb(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    let sentences = a
        .sentences
        .iter()
        .filter(|s| s.start < own.end)
        .map(|s| s.start..s.end.min(own.end));
    sentences.into_iter().any(|s| {
        actions::has_any_verb(a, s.clone())
            || actions::clause_starts(a, s.clone())
                .into_iter()
                .any(|c| actions::action_at(a, c, s.end).is_some())
    })
}

/// Head words of a note that name what to build, so that two words are
/// enough for its readers: "Angular support", "safety comment".
const NAMES_THE_WORK: &[&str] = &[
    "support",
    "comment",
    "comments",
    "docs",
    "documentation",
    "doc",
    "test",
    "tests",
    "validation",
    "implementation",
    "handling",
    "logging",
    "caching",
    "tracing",
    "migration",
    "deprecation",
    "removal",
    "benchmark",
    "benchmarks",
    "example",
    "examples",
];

/// Whether `text` is a rule drawn across a comment: one character of
/// `-=*#~_` repeated, at least four times (`------------`, `====`).
fn is_a_rule_line(text: &str) -> bool {
    let text = text.trim();
    let mut chars = text.chars();
    chars.next().is_some_and(|first| {
        "-=*#~_".contains(first) && text.chars().count() >= 4 && chars.all(|c| c == first)
    })
}

/// A note of one or two words that name no code, no link and nothing to
/// build: "memory issues", "Version Number", "untested".
fn is_bare_topic(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    let mut words = Vec::new();
    for t in &a.tokens[own] {
        match t.kind {
            TokenKind::Verbatim => return false,
            TokenKind::Word => words.push(t.lower.as_str()),
            _ => {}
        }
    }
    (1..=2).contains(&words.len()) && !words.last().is_some_and(|w| NAMES_THE_WORK.contains(w))
}

/// Whether the last word of the instruction's own text is not one that names
/// the work to do ("support", "tests", "documentation").
pub(super) fn names_no_work(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    let last = a.tokens[own].iter().rev().find(|t| t.is_word());
    !last.is_some_and(|t| NAMES_THE_WORK.contains(&t.lower.as_str()))
}

/// Whether the instruction's words are only names of code: `trace_events`,
/// `Unpack`, a checklist of modules still to port.
fn only_names_code(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    let mut any = false;
    for t in &a.tokens[own] {
        match t.kind {
            TokenKind::Verbatim => any = true,
            TokenKind::Word => {
                let text = &a.text[t.range.clone()];
                let identifier = text.contains('_')
                    || text.chars().skip(1).any(|c| c.is_ascii_uppercase())
                        && text.chars().any(|c| c.is_ascii_lowercase());
                if !identifier {
                    return false;
                }
                any = true;
            }
            _ => {}
        }
    }
    any
}

/// Whether the instruction's words are only a link or an issue reference
/// (`see #123`, `https://github.com/o/r/issues/7540`).
fn only_points_elsewhere(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    let mut points = false;
    // A note that links to where the work is written is not a bare topic,
    // whatever else it says ("temporary workaround, see: https://...").
    let links = a.tokens[own.clone()]
        .iter()
        .any(|t| t.kind == TokenKind::Verbatim && a.text[t.range.clone()].contains("://"));
    for (i, t) in a.tokens[own.clone()].iter().enumerate() {
        match t.kind {
            TokenKind::Verbatim if a.text[t.range.clone()].contains("://") => points = true,
            TokenKind::Word if t.lower.chars().all(|c| c.is_ascii_digit()) => {
                let hash = i > 0 && a.tokens[own.start + i - 1].is_punct('#');
                if !hash {
                    return false;
                }
                points = true;
            }
            TokenKind::Word
                if matches!(t.lower.as_str(), "see" | "issue" | "bug" | "pr" | "ticket") => {}
            TokenKind::Word if !links => return false,
            _ => {}
        }
    }
    points || links
}

/// The most tokens a label before a colon may have ("Amnesia test:",
/// "For shared resources:"); a longer lead-in is a clause of its own.
const MAX_LABEL_TOKENS: usize = 6;

/// A sentence that asks instead of telling: it ends with `?` and does not
/// open with an action ("Add a `--dry-run` flag?" is a proposal, still
/// flagged; the receiver cannot answer it for you).
fn is_question(a: &Analysis, sentence: std::ops::Range<usize>) -> bool {
    let start = sentence.start;
    let last = sentence
        .rev()
        .find(|&i| !matches!(a.tokens[i].kind, TokenKind::Newline));
    // "Sketch what this looks like (paper? Figma?)": a question in an
    // aside leaves the sentence's ask alone.
    last.is_some_and(|i| {
        a.tokens[i].is_punct('?') && !a.in_aside(i) && !names_an_operator(a, start, i)
    })
}

/// Whether the `?` at `at` is a symbol the sentence names, not its mark:
/// set apart after "and", which no question ends on ("Replace
/// parse().unwrap() with map_err() and ?", a real Kiro task list of round
/// 107). "What do we replace it with ?" is still a question.
fn names_an_operator(a: &Analysis, start: usize, at: usize) -> bool {
    (start..at)
        .rev()
        .find(|&i| a.tokens[i].kind != TokenKind::Newline)
        .is_some_and(|i| {
            a.tokens[i].is_word()
                && a.tokens[i].range.end < a.tokens[at].range.start
                && a.tokens[i].is("and")
        })
}

/// Whether a sentence after `from` (within `own`) is a statement or a
/// proposal ("Just truncate after the expression?"), not another open
/// question.
fn says_more_after(a: &Analysis, from: usize, own: std::ops::Range<usize>) -> bool {
    a.sentences
        .iter()
        .filter(|s| s.start >= from && s.start < own.end)
        .map(|s| s.start..s.end.min(own.end))
        .any(|s| {
            a.tokens[s.clone()].iter().any(Token::is_word)
                && (!is_question(a, s.clone()) || actions::action_at(a, s.start, s.end).is_some())
        })
}

/// Whether a sentence after `from`, on the same line, is a statement: not a
/// question, nor a proposal asked as one. An issue's body below its title
/// question ("Why toggle dark mode on click?" over "Hey @scotato, love the
/// idea, …") is the discussion, not the answer.
fn states_more_on_its_line(a: &Analysis, from: usize, own: std::ops::Range<usize>) -> bool {
    let line_end = (from..own.end)
        .find(|&i| a.tokens[i].kind == TokenKind::Newline)
        .unwrap_or(own.end);
    a.sentences
        .iter()
        .filter(|s| s.start >= from && s.start < line_end)
        .map(|s| s.start..s.end.min(line_end))
        .any(|s| a.tokens[s.clone()].iter().any(Token::is_word) && !is_question(a, s))
}

/// Whether the question that ends at `from` is answered right after it:
/// "Achievable in < 1 week? — Yes. Most queries exist."
fn answers_itself(a: &Analysis, from: usize, end: usize) -> bool {
    a.next_word(from, &(from..end))
        .is_some_and(|i| matches!(a.tokens[i].lower.as_str(), "yes" | "no"))
}

/// "`parse()` not yet implemented" names its action: implement it.
fn names_a_stub(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    a.tokens[own].windows(2).any(|w| {
        w[0].is("not") && matches!(w[1].lower.as_str(), "implemented" | "supported" | "handled")
    })
}

/// Every sentence is a statement in the present or past with no modal, no
/// imperative and no stub: "sometimes the tag is nil, which is fine".
fn only_describes(a: &Analysis, own: std::ops::Range<usize>) -> bool {
    if names_a_stub(a, own.clone()) {
        return false;
    }
    for sentence in a.sentences.iter().filter(|s| s.start < own.end) {
        let end = sentence.end.min(own.end);
        let starts = actions::clause_starts(a, sentence.start..end);
        if starts
            .iter()
            .any(|&s| actions::action_at(a, s, end).is_some())
        {
            return false;
        }
        let asks = a.tokens[sentence.start..end].iter().any(|t| {
            matches!(
                t.lower.as_str(),
                "should"
                    | "must"
                    | "need"
                    | "needs"
                    | "want"
                    | "wants"
                    | "todo"
                    | "shall"
                    | "ought"
                    | "instead"
                    | "remove"
                    | "replace"
                    | "add"
                    | "use"
            ) || vocabulary::is_gerund(&t.lower)
                && t.range.start == a.tokens[sentence.start].range.start
        });
        if asks {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn fires_on_topics_questions_and_empty_markers() {
        assert_cases(
            &RULE,
            InstructionKind::Comment,
            &[
                "",
                "what about when the geoms cross zones?",
                "is this correct?",
                "is there a cleaner way to do this?",
                "what is this?",
                // Real notes judged open: a judgement that names nothing.
                "Is this correct?",
                "can we do better here?",
                "Is this always right?",
                "Better way of doing this?",
            ],
            &[
                // Real maintainers' notes: a proposal, a feature, a link, a
                // known limitation, code names.
                "use `u64` instead?",
                // Real notes judged clear where they stand.
                "Consume waker?",
                "should be readonly?",
                "memory issues",
                "Should we rename it to `meta()`?",
                "Should we lookup the instance again here?",
                // Real wgpu, badger and sympy notes (round 59): keep or drop
                // the line they sit on.
                "Is this check needed?",
                "is this break necessary?",
                // Real pcgen notes (round 40): the case to consider.
                "What about allowing duplicates?",
                "What about throwing on failure?",
                "Angular support",
                "safety comment",
                "temporary workaround, see: `https://github.com/Swatinem/rust-cache/issues/341`",
                "`https://github.com/denoland/deno/issues/7540`",
                "This doesn't deal with the case where the child is an array",
                "LSP server stability improvements",
                "`Unpack`",
                "Type the return type",
                "experiment with external strings",
                "implement list_todos",
                "this should be a custom Scalar.",
                "re-enable when pandas 2.0 supported in browser",
                "Test result `ReturnData` is currently not implemented.",
                "send to `io.parser` module",
                "Crash on open files with non-ascii chars in filename",
                // A doubt with its evidence or its candidate answer.
                "needed? Doesn't get exercised in any test.",
                "Is this error case necessary still? We should probably drop it.",
                "How should error recovery work here? Just truncate after the expression?",
                // A doubt that names what it is about: judged open 35 times
                // and clear at its code 60 times in rounds 70 to 98 (real
                // creme_crm "better exception ?", varnish "proper error?").
                "can we get better compression?",
                "is this the right index?",
                "better exception ?",
                "is this decode safe?",
                "Is the upper bound a better guess? Or something else?",
                "is this a good default value?",
                "how to make this work outside of a runtime context?",
                "修复并重新启用 Thread Sanitizer（`.github/workflows/code-quality.yml` 中该 job 被禁用）",
            ],
        );
    }

    #[test]
    fn bare_topic_notes_are_pedantic() {
        crate::rules::testing::assert_pedantic_cases(
            &RULE,
            InstructionKind::Comment,
            &["memory issues", "Task 6", "Error check", "untested"],
            &["Angular support", "safety comment"],
        );
    }

    #[test]
    fn empty_markers_about_an_issue_or_in_commented_out_code() {
        use crate::rules::testing::run_marked;
        assert_eq!(run_marked(&RULE, "FIXME", "").len(), 1);
        assert_eq!(run_marked(&RULE, "TODO(alice)", "").len(), 1);
        // Real: html5ever's `FIXME(#122)`, ruzstd's commented-out `todo!();`.
        assert!(run_marked(&RULE, "FIXME(#122)", "").is_empty());
        assert!(run_marked(&RULE, "TODO(GH-77)", "").is_empty());
        assert!(run_marked(&RULE, "todo", "();").is_empty());
        // Real: jq's NetBSD `tm->TM_ZONE = NULL; /* XXX */` asks for care,
        // pytest's `# XXX?` doubts and says nothing of what.
        assert!(run_marked(&RULE, "XXX", "").is_empty());
        assert_eq!(run_marked(&RULE, "XXX", "?").len(), 1);
        // Real astropy and pygame (round 65): a bare `HACK` labels a
        // workaround; `HACK?` doubts it and says nothing of what.
        assert!(run_marked(&RULE, "HACK", "").is_empty());
        assert_eq!(run_marked(&RULE, "HACK", "?").len(), 1);
        // Real mock and cssutils: `# hack:` over the workaround's line.
        assert!(run_marked(&RULE, "hack", ":").is_empty());
        assert!(run_marked(&RULE, "HACK", "...").is_empty());
        assert_eq!(run_marked(&RULE, "hack", "?").len(), 1);
        // Real PrismLauncher (round 108): `setMinimumWidth(80);  // HACK!!`
        // stresses the label; a bare `TODO!!` still says nothing.
        assert!(run_marked(&RULE, "HACK", "!!").is_empty());
        assert_eq!(run_marked(&RULE, "TODO", "!!").len(), 1);
        // Real wasmtime: a doubt tagged with the issue it is asked in.
        assert!(
            run_marked(
                &RULE,
                "FIXME(WebAssembly/WASI#900)",
                "is this the right behavior?"
            )
            .is_empty()
        );
        assert_eq!(run_marked(&RULE, "FIXME(alice)", "is this right?").len(), 1);
        assert!(names_an_issue("TODO(1234)"));
        // Real: jax2tf's limitations, each over the bug they are tracked by.
        assert!(names_an_issue("TODO(b/189287598)"));
        assert!(names_an_issue("TODO(T31574848)"));
        assert!(names_an_issue("FIXME(WebAssembly/WASI#900)"));
        assert!(!names_an_issue("TODO(T2)"));
        assert!(names_an_issue(
            "FIXME(https://github.com/facebook/rocksdb/issues/13293)"
        ));
        assert!(!names_an_issue("TODO(b/c)"));
        assert!(!names_an_issue("TODO(f128)"));
        assert!(!names_an_issue("TODO(2.0)"));
        // Real fish-shell and Convex (rounds 55 and 76): a tag that files
        // the marker under a kind of work; a person's name does not.
        assert!(run_marked(&RULE, "TODO(term-workaround)", "").is_empty());
        assert!(run_marked(&RULE, "TODO(react-18-upgrade)", "").is_empty());
        assert_eq!(run_marked(&RULE, "TODO(owen-d)", "").len(), 1);
        assert_eq!(run_marked(&RULE, "TODO(jane-smith)", "").len(), 1);
        assert_eq!(run_marked(&RULE, "TODO(upgrade)", "").len(), 1);
        // Real BizarreCRM (round 101): `title = "Can't reach server", //
        // TODO(i18n)` asks to move the label into the string resources.
        assert!(run_marked(&RULE, "TODO(i18n)", "").is_empty());
        assert!(run_marked(&RULE, "TODO(a11y)", "").is_empty());
        assert_eq!(run_marked(&RULE, "TODO(k8s)", "").len(), 1);
    }

    #[test]
    fn a_bare_marker_repeating_the_one_above_is_not_an_empty_note() {
        use crate::rules::testing::count_in_file;
        // Real 0xMiden/protocol and microsoft/TypeAgent text: the marker
        // with words above says what the bare ones on the lines below mean.
        let css = "--color-brand: #ff5500; /* TODO: replace with your primary */\n--color-brand-600: #ff6a26; /* TODO */\n--color-brand-700: #e24c00; /* TODO */\n";
        assert_eq!(
            count_in_file(&RULE, "docs/styles.css", &format!(":root {{\n{css}}}\n")),
            0
        );
        let py = "def main():\n    # TODO: argparse\n    assert not sys.argv[2:], \"Too many arguments.\"  # TODO\n";
        assert_eq!(count_in_file(&RULE, "watchdata.py", py), 0);
        // Real oxc text: a bare marker on a line of its own is a note on the
        // code under it, whatever its neighbours say; and a blank line ends
        // the block.
        let rs = "enum Engine {\n    // TODO: electron to chromium\n    Electron,\n    // TODO:\n    Android,\n}\n";
        assert_eq!(count_in_file(&RULE, "src/engine.rs", rs), 1);
        let py = "def main():\n    # TODO: argparse\n\n    args = sys.argv[2:]  # TODO\n";
        assert_eq!(count_in_file(&RULE, "watchdata.py", py), 1);
        // Real breezy-weather (round 104): a bare marker that ends the
        // worded marker's own comment.
        let kt = "fun f() {\n    val l = if (auto) {\n        // TODO: Isn't there a more efficient way than reloading the location\n        // everytime the visibility changes??\n        // TODO\n        runBlocking { load() }\n    } else null\n}\n";
        assert_eq!(count_in_file(&RULE, "src/Service.kt", kt), 0);
        let kt = "fun f() {\n    // TODO: Isn't there a more efficient way than reloading the location\n    load()\n    // TODO\n    runBlocking { load() }\n}\n";
        assert_eq!(count_in_file(&RULE, "src/Service.kt", kt), 1);
    }

    #[test]
    fn a_stubs_whole_body_or_a_failing_test_is_not_an_empty_note() {
        let found = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/bundle.rs", text);
        // Real: wgpu's `wgpu_render_bundle_pop_debug_group` stub.
        assert_eq!(
            found("pub fn pop_debug_group(_b: &mut B) {\n    //TODO\n}\n"),
            0
        );
        // Real: crossbeam-channel's Go tests still to port.
        assert_eq!(
            found(
                "// https://github.com/golang/go/blob/master/test/closedchan.go\nmod closedchan {\n    // TODO\n}\n"
            ),
            0
        );
        assert_eq!(
            found("mod closedchan {\n    // TODO\n    use super::*;\n}\n"),
            1
        );
        assert_eq!(
            found("pub fn f(b: &mut B) {\n    //TODO\n    b.pop();\n}\n"),
            1
        );
        // Real firefly.social code (round 41): a field set to a
        // placeholder value, which its name says how to fill.
        let ts = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/lens.ts", text);
        assert_eq!(
            ts(
                "const o = {\n  isEncrypted: false, // TODO\n};\nconst reactions: Profile[] = []; // TODO\n"
            ),
            0
        );
        assert_eq!(ts("const o = {\n  n: compute(), // TODO\n};\n"), 1);
        // Real equalitie/ouisync (round 112): a file's times left at the
        // epoch, marked at the end of each field or over the first.
        let rs = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/fuse.rs", text);
        assert_eq!(
            rs(
                "fn f() -> FileAttr {\n    FileAttr {\n        size: len,\n        atime: SystemTime::UNIX_EPOCH,  // TODO\n        mtime: SystemTime::UNIX_EPOCH,  // TODO\n    }\n}\n"
            ),
            0
        );
        assert_eq!(
            rs(
                "fn f() {\n    fill(&FindData {\n        attributes,\n        // TODO\n        creation_time: UNIX_EPOCH,\n        last_write_time: UNIX_EPOCH,\n    });\n}\n"
            ),
            0
        );
        // Over a field set from real work, or a flag a loop then sets
        // (cbindgen, ecloud), the marker says nothing.
        assert_eq!(
            rs(
                "fn f() {\n    fill(&FindData {\n        // TODO\n        creation_time: entry.created(),\n    });\n}\n"
            ),
            1
        );
        assert_eq!(
            rs(
                "fn f() {\n    for a in b {\n        // TODO\n        let mut transferred = false;\n        g(&mut transferred);\n    }\n}\n"
            ),
            1
        );
        // Real opentofu (round 80): Go's short declaration of a placeholder.
        let go = |text: &str| crate::rules::testing::count_in_file(&RULE, "plan.go", text);
        assert_eq!(
            go("package a\nfunc f() {\n\tdeprecated := \"\" // TODO\n\tg(deprecated)\n}\n"),
            0
        );
        assert_eq!(
            go("package a\nfunc f() {\n\tdeprecated := lookup() // TODO\n\tg(deprecated)\n}\n"),
            1
        );
        // Real transcripts18xx test stub (round 40): `pass` fills the body.
        let py =
            |text: &str| crate::rules::testing::count_in_file(&RULE, "tests/test_actions.py", text);
        assert_eq!(
            py("class T:\n    def test_state_update(self):\n        # TODO\n        pass\n"),
            0
        );
        assert_eq!(
            py("class T:\n    def other(self):\n        # TODO\n        x = 1\n        return x\n"),
            1
        );
        // Real: rust-analyzer's known-failing tests; the work is making
        // them pass.
        assert_eq!(
            found("#[test]\n// FIXME\n#[should_panic]\nfn rename_macro() {\n    check();\n}\n"),
            0
        );
        assert_eq!(
            found("// FIXME\n#[ignore]\n#[test]\nfn roundtrip() {}\n"),
            0
        );
        assert_eq!(
            found("// FIXME\n#[inline]\nfn roundtrip() {\n    run();\n}\n"),
            1
        );
        let py_found =
            |text: &str| crate::rules::testing::count_in_file(&RULE, "tests/test_io.py", text);
        assert_eq!(
            py_found("# TODO\n@pytest.mark.xfail\ndef test_io():\n    pass\n"),
            0
        );
        assert_eq!(py_found("# TODO\ndef test_io():\n    check()\n"), 1);
        // Real: excalidraw's `it.skip("normalize boundElements array")`
        // names the test, not why it is off; judges keep the marker.
        let js_found =
            |text: &str| crate::rules::testing::count_in_file(&RULE, "tests/sort.test.ts", text);
        assert_eq!(
            js_found("// TODO\nit.skip(\"normalize boundElements array\", () => {});\n"),
            1
        );
    }

    #[test]
    fn a_marker_framed_by_rules_heads_the_notes_after_it() {
        let go = |text: &str| crate::rules::testing::count_in_file(&RULE, "pikpak.go", text);
        // Real rclone (round 55): the to-dos follow the banner.
        assert_eq!(
            go(
                "package pikpak\n\n// ------------------------------------------------------------\n// TODO\n// ------------------------------------------------------------\n\n// * List() with options starred-only\n// * user-configurable list chunk\n\nimport \"fmt\"\n"
            ),
            0
        );
        assert_eq!(go("package pikpak\n\n// TODO\n\nimport \"fmt\"\n"), 1);
        assert!(is_a_rule_line("===="));
        assert!(!is_a_rule_line("--"));
        assert!(!is_a_rule_line("-=-="));
    }

    #[test]
    fn a_marker_with_a_colon_over_a_block_of_prose_hands_over_to_it() {
        let ts = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/app.ts", text);
        // Real quisido/quisi.do (round 113): the rule to meet, quoted.
        assert_eq!(
            ts(
                "export function f() {\n  return 1;\n  // TODO:\n  /**\n   * Because only the focusable elements contained in an application are\n   * accessible, authors MUST use one of the following techniques.\n   */\n}\n"
            ),
            0
        );
        // Rust's line comment holds its newline; the block under it is
        // still the next line.
        let rs = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/app.rs", text);
        assert_eq!(
            rs(
                "fn f() {\n    g();\n    // TODO:\n    /* Every window must keep its focus ring when the theme changes. */\n}\n"
            ),
            0
        );
        // Real RediSearch (round 104): over the doc comment of the
        // function under it, the marker is left empty.
        let c = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/suffix.c", text);
        assert_eq!(
            c(
                "// TODO:\n/* This function iterates the suffix trie, find matches to a token and\n * returns an array with terms matching the pattern. */\nstatic int f(int a) {\n  return a;\n}\n"
            ),
            1
        );
        // Without the colon, or over a tag, it says nothing.
        assert_eq!(
            ts(
                "export function f() {\n  // TODO\n  /**\n   * Because only the focusable elements are accessible.\n   */\n  return 1;\n}\n"
            ),
            1
        );
        assert_eq!(
            ts("export class A {\n  // TODO:\n  /** @internal */\n  g() {}\n}\n"),
            1
        );
    }

    #[test]
    fn a_marker_over_notes_indented_deeper_heads_them() {
        let h = |text: &str| crate::rules::testing::count_in_file(&RULE, "image2.h", text);
        // Real jbDE (round 90): the list under the marker is what to do.
        assert_eq!(
            h(
                "// TODO:\n\t// CPU side dithering\n\t// CPU side tonemapping - float type only, most likely\n\nenum channel { red = 0 };\n"
            ),
            0
        );
        // Code under it, or a comment at its own column after a blank line,
        // says nothing about it.
        assert_eq!(h("// TODO:\n\tint dither = 0;\n"), 1);
        assert_eq!(h("\t// TODO\n// CPU side dithering\nint x;\n"), 1);
        assert_eq!(h("// TODO\n\t//\nint x;\n"), 1);
    }

    #[test]
    fn a_marker_over_a_failure_with_a_message_is_explained_by_it() {
        // Real paligemma code (round 42): the assertion's message is the
        // doubt.
        let py = |text: &str| crate::rules::testing::count_in_file(&RULE, "data/set.py", text);
        assert_eq!(
            py(
                "def f(sources):\n    assert len(sources) == 1, \"Don't know why it is wrapped to a list\"  # FIXME\n    return sources\n"
            ),
            0
        );
        assert_eq!(
            py("def f(sources):\n    assert len(sources) == 1  # FIXME\n    return sources\n"),
            1
        );
        // Real hslam_ros2 stub: `assert(false)` fills the body.
        let cpp =
            |text: &str| crate::rules::testing::count_in_file(&RULE, "src/undistort.cpp", text);
        assert_eq!(
            cpp("void makeOptimalK_full() {\n    // TODO\n    assert(false);\n}\n"),
            0
        );
        // Real iot-app-kit (round 97): a one-line doc comment that is only
        // `TODO` holds the place of a property's docs, as a longer one
        // does; a plain block comment does not.
        let ts_doc = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/types.ts", text);
        assert_eq!(
            ts_doc("export type P = {\n  /** TODO */\n  client?: unknown;\n};\n"),
            0
        );
        assert_eq!(
            ts_doc("export type P = {\n  /* TODO */\n  client?: unknown;\n};\n"),
            1
        );
        // Real firebase-tools and KGround code (round 97): an assertion
        // whose message starts lines below, a message saying what is not
        // done yet.
        let ts = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/state.ts", text);
        assert_eq!(
            ts(
                "function f(id: string) {\n  if (id) {\n    // TODO\n    assert(\n      false,\n      \"((Parsing federatedId is not implemented in Auth Emulator.))\",\n    );\n  }\n  g();\n}\n"
            ),
            0
        );
        assert_eq!(
            ts(
                "function f(id: string) {\n  if (id) {\n    // TODO\n    assert(\n      id.length > 2,\n    );\n  }\n  g();\n}\n"
            ),
            1
        );
        // Real lue (round 99): a call named for what is not supported.
        assert_eq!(
            cpp(
                "void v(D d) {\n    if (d.time) {\n        // TODO(KDJ)\n        not_supported_yet(\"validation of discretization through time\");\n    }\n}\n"
            ),
            0
        );
        let kt = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/Tee.kt", text);
        assert_eq!(
            kt(
                "fun <R> sync(lock: Any, block: () -> R): R {\n  println(\"No actual synchronization on K/N implemented yet.\") // FIXME\n  return block()\n}\n"
            ),
            0
        );
        assert_eq!(
            kt(
                "fun <R> sync(lock: Any, block: () -> R): R {\n  println(\"synchronizing\") // FIXME\n  return block()\n}\n"
            ),
            1
        );
        // Real: jiff's `// FIXME` over `panic!("this should be an error")`.
        let rs = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/zoned.rs", text);
        assert_eq!(
            rs(
                "fn f(n: i8) {\n    if n < 0 {\n        // FIXME\n        panic!(\"this should be an error\");\n    }\n    g();\n}\n"
            ),
            0
        );
        // A message that says nothing, or none at all, leaves the marker empty.
        assert_eq!(
            rs(
                "fn f(n: i8) {\n    if n < 0 {\n        // FIXME\n        panic!(\"{}\", n);\n    }\n    g();\n}\n"
            ),
            1
        );
        assert_eq!(
            rs("fn f(n: i8) {\n    // FIXME\n    let m = n + 1;\n    g(m);\n}\n"),
            1
        );
        // Real dosbox-staging (round 93): the exit's message says what is
        // not supported yet.
        let cpp = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/overlay.cpp", text);
        assert_eq!(
            cpp(
                "void f() {\n  E_Exit(\"renaming directory %s to %s . Not yet supported in Overlay\", a, b); //TODO\n}\n"
            ),
            0
        );
        assert_eq!(
            cpp("void f() {\n  E_Exit(\"renaming directory %s to %s\", a, b); //TODO\n}\n"),
            1
        );
        // Real haproxy (round 101): the check under it says what is not
        // handled yet.
        assert_eq!(
            cpp(
                "void f() {\n  /* TODO */\n  CHECK_IF(\"received flow control blocked frame not yet handled in QMux\");\n}\n"
            ),
            0
        );
        assert_eq!(
            cpp(
                "void f() {\n  /* TODO */\n  CHECK_IF(\"received flow control blocked frame\");\n}\n"
            ),
            1
        );
        // Real mathesar (round 103): the log under a linter's directive
        // says what is not implemented yet.
        let ts = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/sheet.ts", text);
        assert_eq!(
            ts(
                "function f(direction) {\n  // TODO\n\n  // eslint-disable-next-line no-console\n  console.log(direction, 'Active cell advancing is not yet implemented');\n  return this;\n}\n"
            ),
            0
        );
        assert_eq!(
            ts(
                "function f(direction) {\n  // TODO\n\n  // eslint-disable-next-line no-console\n  console.log(direction, 'Active cell advancing');\n  return this;\n}\n"
            ),
            1
        );
        // Real akka-http's copy of parboiled2 (round 103): Scala's `???`
        // is the body still to write.
        let scala =
            |text: &str| crate::rules::testing::count_in_file(&RULE, "src/Parser.scala", text);
        assert_eq!(
            scala("class P {\n  def getLine(line: Int): String = ??? // TODO\n}\n"),
            0
        );
        assert_eq!(scala("class P {\n  def lines(): Int = 1 // TODO\n}\n"), 1);
        // Real budgeting-app (round 103): Android Studio's placeholder for
        // a callback to write.
        let kt = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/Screen.kt", text);
        assert_eq!(
            kt(
                "fun A() {\n    Dialog(\n        onDismiss = { show = false },\n        onEdit = { /*TODO*/ },\n    )\n}\n"
            ),
            0
        );
        assert_eq!(
            kt("fun A() {\n    Dialog(\n        onEdit = { save() /*TODO*/ },\n    )\n}\n"),
            1
        );
        // Real ucc-c-compiler (round 95): the assertion's message says it.
        assert_eq!(
            cpp(
                "void f(int nargs) {\n  UCC_ASSERT(nargs <= N_CALL_REGS, \"TODO: more than 4 args\"); /* FIXME */\n  g();\n}\n"
            ),
            0
        );
        assert_eq!(
            cpp(
                "void f(int nargs) {\n  UCC_ASSERT(nargs <= N_CALL_REGS); /* FIXME */\n  g();\n}\n"
            ),
            1
        );
        // Real posixutils tr (round 90): the error returned says what is
        // not supported; one without words says nothing.
        assert_eq!(
            rs(
                "fn f(n: u8) -> Result<u8, String> {\n    match n {\n        0 => Ok(1),\n        _ => {\n            // TODO\n            return Err(\"cannot produce a range between 8 bit and multi-byte characters\".to_string());\n        }\n    }\n}\n"
            ),
            0
        );
        assert_eq!(
            rs(
                "fn f(n: u8) -> Result<u8, E> {\n    match n {\n        0 => Ok(1),\n        _ => {\n            // TODO\n            return Err(e);\n        }\n    }\n}\n"
            ),
            1
        );
        let ts = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/app.ts", text);
        assert_eq!(
            ts(
                "function f(x) {\n  // TODO\n  throw new Error(\"streaming is not implemented\");\n}\nf(1);\n"
            ),
            0
        );
        // Real vscode-copilot-chat: the warning says what is missing.
        assert_eq!(
            ts(
                "function f(x) {\n  // TODO@joaomoreno\n  console.warn(`New cache entries are not uploaded to Redis`);\n}\nf(1);\n"
            ),
            0
        );
        assert_eq!(
            ts("function f(x) {\n  // TODO\n  console.log(\"Internal error\");\n}\nf(1);\n"),
            1
        );
        // Real solid type tests: the suppression under the marker says why.
        assert_eq!(
            ts(
                "// FIXME\n// @ts-expect-error this rare edge case is not handled yet\nconst a = createMemo(() => num());\n"
            ),
            0
        );
        assert_eq!(
            ts("// FIXME\n// @ts-expect-error\nconst a = createMemo(() => num());\n"),
            1
        );
        // Real oxc: the error quotes code in backticks.
        assert_eq!(
            ts(
                "function f(x) {\n  throw new Error(\"`sourceCode.getJSDocComment` is not supported at present\"); // TODO\n}\nf(1);\n"
            ),
            0
        );
        // Real jj: the test is ignored with its reason.
        assert_eq!(
            rs(
                "#[test]\n#[cfg_attr(windows, ignore = \"stuck randomly on Windows CI #3140\")] // FIXME\nfn gpg() {\n    check();\n}\n"
            ),
            0
        );
        assert_eq!(
            rs("#[test]\n#[cfg_attr(windows, ignore)] // FIXME\nfn gpg() {\n    check();\n}\n"),
            1
        );
        let py = |text: &str| crate::rules::testing::count_in_file(&RULE, "src/app.py", text);
        assert_eq!(
            py("def f(x):\n    # TODO\n    raise NotImplementedError(\"v1 models\")\n"),
            0
        );
        // Real: hugo's `t.Skip("flaky test") // TODO(bep)`; the reason is
        // the note. A bare `return // TODO` is not.
        let go = |text: &str| crate::rules::testing::count_in_file(&RULE, "poller_test.go", text);
        assert_eq!(
            go(
                "package p\n\nfunc TestPoll(t *testing.T) {\n\tt.Skip(\"flaky test\") // TODO\n\tpoll()\n}\n"
            ),
            0
        );
        assert_eq!(
            go("package p\n\nfunc TestPoll(t *testing.T) {\n\tpoll()\n\treturn // TODO\n}\n"),
            1
        );
    }

    #[test]
    fn a_task_comment_must_ask_for_something() {
        use crate::rules::testing::{AGENT_COMMENT, run_marked};
        let text = "sometimes the tag is nil, which is fine because nil is only equal to nil";
        assert!(!run_marked(&RULE, AGENT_COMMENT, text).is_empty());
        assert!(run_marked(&RULE, AGENT_COMMENT, "implement list_todos").is_empty());
    }

    #[test]
    fn a_question_under_a_verb_or_a_label_is_the_work_or_a_check() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                // A label over an open question leaves the decision open.
                "Race condition: what if the user sends multiple messages while provisioning?",
                "**FIRST: Race condition** - what if the user sends two messages?",
                "Should GraphQL errors be retried?",
                "If the fix was tactical, what should we do about the root cause?",
            ],
            &[
                // Real microsoft/TypeAgent plan steps and rjmurillo/ai-agents
                // validator checks.
                "Evaluate: does the visual structure match the author's intent?",
                "Assess: is a pretty-printer sufficient, or is a CST mandatory for acceptable round-trip quality?",
                "Amnesia test: Would a naive agent succeed?",
                // Real harness-engineering review checklist (round 72).
                "**Architecture:** No layer violations or new circular deps?",
                "**Security:** No obvious vulnerabilities introduced?",
                // Real amplihack-rs investigation workflow (round 90): the
                // title asks, after its own label.
                "**FIRST: Identify explicit user requirements** - What specific questions must be answered?",
                // Real Polly `.github/IRP.md`: a check after its condition.
                "If the fix was tactical, is there a plan to address the root cause?",
                "If any secrets (GitHub or NuGet token, Azure federated credentials) were leaked, have they been rotated?",
            ],
        );
    }

    #[test]
    fn questions_filed_by_topic_under_a_questions_heading_are_not_tasks() {
        let found = |text: &str| crate::rules::testing::count_in_file(&RULE, "TODO.md", text);
        // Real quotecat plan (round 41): subsections of "Questions to
        // Answer".
        assert_eq!(
            found(
                "# TODO\n\n## Questions to Answer\n\n### Pricing\n\n- [ ] Or separate GPS add-on pricing?\n"
            ),
            0
        );
        assert_eq!(
            found(
                "# TODO\n\n## Features\n\n### Pricing\n\n- [ ] Or separate GPS add-on pricing?\n"
            ),
            1
        );
        // Real ngx-transform remediation plan (round 52): a list of
        // questions is a questionnaire to answer where it stands; a
        // question among tasks is still one.
        assert_eq!(
            found(
                "# TODO\n\n## Verificar\n\n- [ ] ¿Hay algún scheduler externo llamando a `/api/cron/cleanup`?\n- [ ] ¿Qué plan de Upstash está contratado?\n"
            ),
            0
        );
        assert_eq!(
            found(
                "# TODO\n\n## Admin\n\n- [ ] Centre all columns in the admin page\n- [ ] Why toggle dark mode on click?\n"
            ),
            1
        );
    }

    #[test]
    fn a_question_for_a_fact_in_a_task_list_is_an_item_to_find_it_out() {
        let found = |text: &str| crate::rules::testing::count_in_file(&RULE, "TODO.md", text);
        // Real PRF submission guide (round 61) and Polly's incident
        // checklist (round 46): answered, the item is ticked.
        for item in [
            "Where will fellowship take place?",
            "If yes, which projects? `<URL>`",
            "What version(s) of Polly will the fix be released in?",
        ] {
            assert_eq!(
                found(&format!(
                    "# TODO\n\n- [ ] Write the release notes\n- [ ] {item}\n"
                )),
                0,
                "{item}"
            );
        }
        // Real Dalamud-VFXEditor NOTES.md (round 92): an action with a
        // question mark asks for it, doubting only whether it is needed.
        assert_eq!(
            found("# TODO\n\n- [ ] Write the release notes\n- [ ] Fix `.scd` looping issues?\n"),
            0
        );
        // Real sine TODO.md and gtaggenator NOTES.md (round 97): the same
        // after a tag, after the problem it fixes, after a hedge, and a
        // check of what the code does now.
        for item in [
            "[feature] remove fabs?",
            "[improvement] try `async_redux`? https://pub.dev/packages/async_redux",
            "[bug] color is not set on selected fields: set theme color upon entering tracker?",
            "Maybe query schema, figure out if anything's missing?",
            "Am I re-requesting an image anytime I change anything?",
            // Real SCMessenger Kiro tasks (round 107): a numbered step, and
            // Rust's `?` named as what to use.
            "0.4.4 Replace parse().unwrap() with map_err() and ?",
            "0.4.2 Replace lock().unwrap() with graceful handling?",
            "T012 Add the retry flag?",
        ] {
            assert_eq!(
                found(&format!(
                    "# TODO\n\n- [ ] Write the release notes\n- [ ] {item}\n"
                )),
                0,
                "{item}"
            );
        }
        // A why, or a topic doubted, leaves the decision open; so does an
        // action doubted as a whole (real iris TODO.md, under its parent
        // item), a question after the problem, and a way asked for.
        assert_eq!(
            found(
                "# TODO\n\n- [ ] Admin page cleanup\n    - [ ] Centre all columns\n    - [ ] ?? Redesign table lines/style ??\n"
            ),
            1
        );
        for item in [
            "Why toggle dark mode on click?",
            "Better format?",
            "[bug] colors are off: why?",
            "[bug] colors are off: should we theme it?",
            "How do we ensure we don't leave the DB in a funky state?",
            // A number before a question is not an action.
            "0.4.4 Which cache?",
            "What do we replace it with ?",
        ] {
            assert_eq!(
                found(&format!(
                    "# TODO\n\n- [ ] Write the release notes\n- [ ] {item}\n"
                )),
                1,
                "{item}"
            );
        }
    }

    #[test]
    fn a_stub_returning_an_empty_collection_says_what_is_left() {
        // Real EpesiCRM (round 114) and contour (round 105) stubs.
        let php = |text: &str| crate::rules::testing::count_in_file(&RULE, "Event.php", text);
        assert_eq!(
            php(
                "<?php\nfunction get_event_days($start, $end) {\n    // TODO\n    return array();\n}\n"
            ),
            0
        );
        assert_eq!(
            php(
                "<?php\nfunction get_event_days($start, $end) {\n    // TODO\n    return days($start);\n}\n"
            ),
            1
        );
        let cpp = |text: &str| crate::rules::testing::count_in_file(&RULE, "shaper.cpp", text);
        assert_eq!(
            cpp("std::optional<int> shape(int key) {\n    return std::nullopt; // TODO\n}\n"),
            0
        );
        // Real javaparser (round 95): "none found" after a search.
        let java = |text: &str| crate::rules::testing::count_in_file(&RULE, "Gen.java", text);
        assert_eq!(
            java(
                "class G {\n    Optional<A> find(List<A> all) {\n        for (A a : all) {\n            if (a.ok()) {\n                return Optional.of(a);\n            }\n        }\n        // TODO:\n        return Optional.empty();\n    }\n}\n"
            ),
            1
        );
        let kt = |text: &str| crate::rules::testing::count_in_file(&RULE, "Repo.kt", text);
        assert_eq!(
            kt("fun items(): List<Item> {\n    // TODO\n    return emptyList()\n}\n"),
            0
        );
    }

    #[test]
    fn a_polish_yes_no_question_in_a_checklist_is_a_check() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[],
            &[
                "Czy godziny otwarcia i dni wolne zgadzają się z grafikiem?",
                "Sprawdź: czy wizyta pojawiła się w kalendarzu?",
                "Dodaj zużyty materiał (farba) — czy schodzi ze stanu magazynu?",
                "Open the visit → are its details shown?",
                "Kliknij wizytę → **szczegóły**: czy widzisz wszystko, czego potrzebujesz?",
            ],
        );
        // A question that only opens with a dash is still open.
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &["— why does the scheduler call it twice?"],
            &[],
        );
    }

    #[test]
    fn a_marker_ending_a_one_line_stub_is_about_it() {
        // Real colinw7/CQCharts (round 117).
        let h = |text: &str| crate::rules::testing::count_in_file(&RULE, "Plot.hpp", text);
        assert_eq!(
            h(
                "class FlamePlot {\n public:\n  bool canProbe() const override { return false; } // TODO\n};\n"
            ),
            0
        );
        assert_eq!(
            h(
                "class FlamePlot {\n public:\n  bool canProbe() const override { return probe(); } // TODO\n};\n"
            ),
            1
        );
    }

    #[test]
    fn a_one_word_state_is_a_box_to_tick() {
        // Real josephleblanc/syn_parser plan (round 115): status boxes
        // under each task.
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &["badges?", "LSP?"],
            &["started?", "finished?", "done?", "Tested?"],
        );
    }

    #[test]
    fn an_ellipsis_item_holds_a_lists_place() {
        // Real walaskir/parte progress tracker (round 112): "In progress"
        // and "Blocked" with nothing in them yet.
        let found = |text: &str| crate::rules::testing::count_in_file(&RULE, "docs/TODO.md", text);
        assert_eq!(
            found("# TODO\n\n### In progress\n\n- [ ] ...\n\n### Blocked\n\n- [ ] …\n"),
            0
        );
        assert_eq!(found("# TODO\n\n- [ ] ?\n"), 1);
    }

    #[test]
    fn bug_titles_are_actions_in_task_lists() {
        assert_cases(
            &RULE,
            InstructionKind::TaskItem,
            &[
                "Why toggle dark mode on click?",
                "Why is yesterday's report missing?",
                "**Crons**: how are they managed?",
                // Real issue: the body under the title question discusses it.
                "Why toggle dark/light mode on click?\nLove the idea, why do you want people to change it on click? It would confuse them.",
                // Real roadmap: proposals asked as more questions.
                "Everything else `textual` offers, like could we make it easier to select text? Copy paste in and out?",
            ],
            &[
                // Real plan items: the questions are asides.
                "Sketch what this looks like (paper? Figma?)",
                // Real TODO.md and spec items: a statement on the same line
                // gives the direction.
                "How are crons managed? Should prob be schedule/heartbeat-ish",
                "What about handling XAML input events? The \"thin\" term control will need to forward them",
                // A question answered where it is asked records a decision.
                "Achievable in < 1 week of focused work? — Yes. Most data queries already exist.",
                "ADHD check passed (reduces friction? visible? externalizes cognition?)",
                // A topic is `bare-topic`'s; a yes/no question is a check.
                "Graceful error recovery",
                "Is the cache warmed before the first request?",
                // A real team-sync agenda: "any" opens an elliptical yes/no.
                "Any conflicts or coordination issues?",
                "Any config adjustments needed?",
                // It names what to build; a one-word item is a list entry.
                "[Feature] Claude support",
                "zlib",
                "trace_events",
                "Classifications use explicit tri-state results rather than `Option<bool>`.",
                "Paintbrush movement creates horizontal/vertical artefacts",
                "Error opening file on windows",
                "Support nested arenas",
                "A `POST /api/backtests` endpoint exists in `TradingApp.Api`",
                "Admin page cleanup\n- Centre all columns\n- Remove tabs",
                "Maybe sort the list",
                // Real TODO.md items: the bold title is the task, or the
                // question after it is a check.
                "**Add feature classification to complete_ocl_summary**: is this feature topology-invariant, topology-discriminating, or not-applicable?",
                "**`NLContextualEmbedding` clustering-parity** — does Apple's on-device embedding cluster the dev corpus as coherently as `nomic`?",
            ],
        );
    }
}
