index.php
<?php
// TODO: maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`
# AI: clean up
/* FIXME */
