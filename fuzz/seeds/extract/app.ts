app.ts
int x = 1; // TODO: maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`
/* FIXME: clean up
   somehow */
// AI! rewrite it
"// TODO: not a comment"
