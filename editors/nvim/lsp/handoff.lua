-- Neovim 0.11+: with this plugin on 'runtimepath', `vim.lsp.enable("handoff")`
-- picks up this configuration. Override any of it with
-- `vim.lsp.config("handoff", { settings = { handoff = { ... } } })`.
local handoff = require("handoff")
local config = handoff.lsp_config()
config.root_markers = nil
config.root_dir = function(bufnr, on_dir)
  local name = vim.api.nvim_buf_get_name(bufnr)
  on_dir(handoff.root_dir(name ~= "" and name or vim.fn.getcwd()))
end
return config
