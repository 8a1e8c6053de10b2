-- Headless end-to-end test of the Neovim plugin against `handoff server`.
--
--   HANDOFF_BIN=target/release/handoff \
--     nvim --headless -u NONE -n -c 'luafile editors/nvim/test/split_test.lua'
--
-- Runs on Neovim 0.7 and later. Prints one PASS or FAIL line and exits with
-- status 0 or 1. Every failure, Lua errors included, ends in `cquit`, so
-- Neovim never stays running.

local script = debug.getinfo(1, "S").source:gsub("^@", "")
local test_dir = vim.fn.fnamemodify(script, ":p:h")
local plugin_dir = vim.fn.fnamemodify(test_dir, ":h")
local fixture_dir = test_dir .. "/fixture"
local fixture = fixture_dir .. "/TODO.md"
local bin = os.getenv("HANDOFF_BIN") or "handoff"
local v = vim.version()
local version = string.format("%d.%d.%d", v.major, v.minor, v.patch)
local checks = 0
local timeout_ms = tonumber(os.getenv("HANDOFF_TEST_TIMEOUT_MS") or "20000")

local function out(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

local function check(cond, what, detail)
  checks = checks + 1
  if not cond then
    error(what .. (detail and (": " .. detail) or ""), 0)
  end
end

local function show(value)
  return vim.inspect(value):gsub("\n%s*", " ")
end

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local data = f:read("*a")
  f:close()
  return data
end

local function buffer_bytes(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
  local text = table.concat(lines, "\n")
  if vim.api.nvim_buf_get_option(bufnr, "eol") then
    text = text .. "\n"
  end
  return text, lines
end

local function buffer_clients(bufnr)
  local found = {}
  if vim.lsp.get_clients then
    found = vim.lsp.get_clients({ bufnr = bufnr, name = "handoff" })
  else
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == "handoff" then
        table.insert(found, c)
      end
    end
  end
  return found
end

local function diagnostics(bufnr, code)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == "handoff" and (code == nil or d.code == code) then
      table.insert(found, d)
    end
  end
  return found
end

local function codes(bufnr)
  local list = {}
  for _, d in ipairs(diagnostics(bufnr)) do
    table.insert(list, tostring(d.code))
  end
  table.sort(list)
  return table.concat(list, ",")
end

-- The LSP diagnostic behind a vim.diagnostic item. Neovim 0.10+ keeps the
-- whole of it in user_data.lsp; 0.7 keeps only some fields there, so the rest
-- is rebuilt (positions converted from bytes to the client's encoding).
local function to_lsp(bufnr, d, encoding)
  local lsp = d.user_data and d.user_data.lsp or {}
  if lsp.range and lsp.message then
    return lsp
  end
  local util = vim.lsp.util
  return {
    range = {
      start = { line = d.lnum, character = util.character_offset(bufnr, d.lnum, d.col, encoding) },
      ["end"] = {
        line = d.end_lnum,
        character = util.character_offset(bufnr, d.end_lnum, d.end_col, encoding),
      },
    },
    message = d.message,
    source = d.source,
    code = d.code,
    severity = d.severity, -- vim and LSP number the severities alike
    data = lsp.data,
  }
end

local function test_root_dir(handoff)
  local tmp = vim.fn.tempname()
  vim.fn.mkdir(tmp .. "/repo/.git", "p")
  vim.fn.mkdir(tmp .. "/repo/pkg/src", "p")
  vim.fn.mkdir(tmp .. "/repo/docs", "p")
  vim.fn.mkdir(tmp .. "/repo/hidden/deep", "p")
  vim.fn.writefile({ "" }, tmp .. "/repo/pkg/handoff.toml")
  vim.fn.writefile({ "" }, tmp .. "/repo/hidden/.handoff.toml")
  local repo = vim.fn.resolve(tmp .. "/repo")
  local cases = {
    { repo .. "/pkg/src/main.rs", repo .. "/pkg" },
    { repo .. "/pkg/TODO.md", repo .. "/pkg" },
    { repo .. "/docs/TODO.md", repo },
    { repo .. "/hidden/deep/x.py", repo .. "/hidden" },
    { repo .. "/pkg/src", repo .. "/pkg" },
  }
  for _, case in ipairs(cases) do
    local got = vim.fn.resolve(handoff.root_dir(case[1]))
    check(got == case[2], "root_dir(" .. case[1] .. ")", "got " .. got .. ", want " .. case[2])
  end
  vim.fn.delete(tmp, "rf")
end

local function run()
  check(vim.fn.executable(bin) == 1, "HANDOFF_BIN is executable", bin)
  vim.opt.runtimepath:prepend(plugin_dir)
  local handoff = require("handoff")

  test_root_dir(handoff)

  -- The settings turn one rule off and raise another: they only take effect
  -- if the plugin sends them and answers workspace/configuration.
  handoff.setup({
    cmd = { bin, "server" },
    settings = {
      handoff = { rules = { ["broad-scope"] = "off", ["multiple-tasks"] = "error" } },
    },
  })

  vim.cmd("edit " .. vim.fn.fnameescape(fixture))
  local bufnr = vim.api.nvim_get_current_buf()
  -- `-u NONE` turns filetype detection off; setting it fires FileType.
  vim.bo[bufnr].filetype = "markdown"

  local original = read_file(fixture)
  local before, before_lines = buffer_bytes(bufnr)
  check(before == original, "buffer matches the fixture file")

  local attached = vim.wait(timeout_ms, function()
    return #buffer_clients(bufnr) > 0
  end, 20)
  check(attached, "client attached to the Markdown buffer")
  local client = buffer_clients(bufnr)[1]
  check(
    vim.fn.resolve(client.config.root_dir) == vim.fn.resolve(fixture_dir),
    "root_dir is the folder with handoff.toml",
    tostring(client.config.root_dir)
  )

  local settled = vim.wait(timeout_ms, function()
    local d = diagnostics(bufnr, "multiple-tasks")
    return #d == 1
      and d[1].severity == vim.diagnostic.severity.ERROR
      and #diagnostics(bufnr, "broad-scope") == 0
  end, 20)
  check(settled, "one multiple-tasks error and no broad-scope (settings applied)", codes(bufnr))
  local diag = diagnostics(bufnr, "multiple-tasks")[1]
  check(diag.lnum == 2, "diagnostic on line 3", tostring(diag.lnum))

  local encoding = client.offset_encoding or "utf-16"
  local lsp_diag = to_lsp(bufnr, diag, encoding)

  -- As `vim.lsp.buf.code_action()` asks with the cursor at the start of the
  -- item's line: a zero-width range at column 0, the line's diagnostics in
  -- the context. The item's fixes are offered there too.
  local line_diags = {}
  for _, d in ipairs(diagnostics(bufnr)) do
    if d.lnum == 2 then
      table.insert(line_diags, to_lsp(bufnr, d, encoding))
    end
  end
  local at = { line = 2, character = 0 }
  local at_cursor = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = at, ["end"] = at },
    context = { diagnostics = line_diags },
  }, timeout_ms)
  local offered = {}
  for _, res in pairs(at_cursor or {}) do
    for _, a in ipairs(res.result or {}) do
      offered[a.title] = true
    end
  end
  check(offered["Split into 3 tasks"], "the split is offered at column 0 of the item's line", show(offered))
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag }, only = { "quickfix" } },
  }
  local results, err = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, timeout_ms)
  check(results ~= nil, "codeAction answered", tostring(err))
  local action, titles = nil, {}
  for _, res in pairs(results) do
    check(res.error == nil, "codeAction without error", show(res.error))
    for _, a in ipairs(res.result or {}) do
      table.insert(titles, a.title)
      if a.title:match("^Split into %d+ tasks$") then
        action = a
      end
    end
  end
  check(action ~= nil, "a 'Split into N tasks' action", table.concat(titles, " | "))
  check(action.title == "Split into 3 tasks", "the split makes 3 tasks", action.title)
  if not action.edit and action.data then
    local resolved = client.request_sync("codeAction/resolve", action, timeout_ms, bufnr)
    action = resolved and resolved.result or action
  end
  check(action.edit ~= nil, "the action has an edit")

  vim.lsp.util.apply_workspace_edit(action.edit, encoding)
  local after, after_lines = buffer_bytes(bufnr)
  local expected = vim.deepcopy(before_lines)
  table.remove(expected, 3)
  table.insert(expected, 3, "- [ ] Rewrite auth")
  table.insert(expected, 4, "- [ ] add tests")
  table.insert(expected, 5, "- [ ] update the docs")
  check(#after_lines == #expected, "line count after the split", show(after_lines))
  for i, line in ipairs(expected) do
    check(after_lines[i] == line, "line " .. i .. " after the split", show(after_lines[i]) .. " ~= " .. show(line))
  end
  check(after ~= before, "buffer changed")

  -- The server sees the edit: the finding goes away.
  local cleared = vim.wait(timeout_ms, function()
    return #diagnostics(bufnr, "multiple-tasks") == 0
  end, 20)
  check(cleared, "multiple-tasks gone after the split", codes(bufnr))

  vim.cmd("silent undo")
  local restored = buffer_bytes(bufnr)
  check(restored == before, "one undo restores the buffer byte for byte", show(restored))
  check(restored == original, "restored buffer equals the file on disk")
  check(not vim.bo[bufnr].modified, "buffer not modified after undo")

  local back = vim.wait(timeout_ms, function()
    return #diagnostics(bufnr, "multiple-tasks") == 1
  end, 20)
  check(back, "multiple-tasks back after undo", codes(bufnr))

  -- A second buffer under the same root reuses the client.
  vim.cmd("enew")
  local scratch = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_name(scratch, fixture_dir .. "/notes.py")
  vim.api.nvim_buf_set_lines(scratch, 0, -1, true, { "# TODO: Rewrite auth, add tests and update the docs" })
  vim.bo[scratch].filetype = "python"
  local same = vim.wait(timeout_ms, function()
    local c = buffer_clients(scratch)[1]
    return c ~= nil and c.id == client.id
  end, 20)
  check(same, "python buffer attached to the same client")
  local py = vim.wait(timeout_ms, function()
    return #diagnostics(scratch, "multiple-tasks") == 1
  end, 20)
  check(py, "multiple-tasks in a Python TODO comment", codes(scratch))
  vim.api.nvim_buf_set_option(scratch, "modified", false)

  vim.lsp.stop_client(client.id)
  vim.wait(5000, function()
    return vim.lsp.get_client_by_id(client.id) == nil
  end, 20)
end

local ok, err = xpcall(run, function(e)
  if type(e) == "string" and e:find("\n") == nil and not e:find("^[^:]+:%d+:") then
    return e
  end
  return debug.traceback(tostring(e), 2)
end)
if ok then
  out(string.format("PASS nvim %s: %d checks", version, checks))
  vim.cmd("qall!")
else
  out(string.format("FAIL nvim %s: %s", version, tostring(err)))
  vim.cmd("cquit 1")
end
