-- Neovim 0.11+: the plugin's lsp/handoff.lua with vim.lsp.config/enable.
--
--   HANDOFF_BIN=target/release/handoff \
--     nvim --headless -u NONE -n -c 'luafile editors/nvim/test/enable_test.lua'

local script = debug.getinfo(1, "S").source:gsub("^@", "")
local test_dir = vim.fn.fnamemodify(script, ":p:h")
local plugin_dir = vim.fn.fnamemodify(test_dir, ":h")
local fixture_dir = test_dir .. "/fixture"
local bin = os.getenv("HANDOFF_BIN") or "handoff"
local v = vim.version()
local version = string.format("%d.%d.%d", v.major, v.minor, v.patch)

local function out(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

local function run()
  if not (vim.lsp.config and vim.lsp.enable) then
    return nil
  end
  vim.opt.runtimepath:prepend(plugin_dir)
  vim.lsp.config("handoff", {
    cmd = { bin, "server" },
    settings = { handoff = { rules = { ["broad-scope"] = "off" } } },
  })
  vim.lsp.enable("handoff")
  vim.cmd("edit " .. vim.fn.fnameescape(fixture_dir .. "/TODO.md"))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = "markdown"
  local client
  assert(vim.wait(20000, function()
    client = vim.lsp.get_clients({ bufnr = bufnr, name = "handoff" })[1]
    return client ~= nil
  end, 20), "client attached via vim.lsp.enable")
  assert(
    vim.fn.resolve(client.config.root_dir) == vim.fn.resolve(fixture_dir),
    "root_dir: " .. tostring(client.config.root_dir)
  )
  local function count(code)
    local n = 0
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.source == "handoff" and d.code == code then
        n = n + 1
      end
    end
    return n
  end
  assert(vim.wait(20000, function()
    return count("multiple-tasks") == 1 and count("broad-scope") == 0
  end, 20), "diagnostics with settings applied")
  client:stop()
  return "3 checks"
end

local ok, res = xpcall(run, debug.traceback)
if ok then
  if res == nil then
    out(string.format("SKIP nvim %s vim.lsp.enable: not in this version", version))
  else
    out(string.format("PASS nvim %s vim.lsp.enable: %s", version, res))
  end
  vim.cmd("qall!")
else
  out(string.format("FAIL nvim %s vim.lsp.enable: %s", version, tostring(res)))
  vim.cmd("cquit 1")
end
