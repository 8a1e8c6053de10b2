main.py
x = 1  # TODO: maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`
# FIXME(agent): handle it
#   and more
