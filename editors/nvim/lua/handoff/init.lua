-- handoff.nvim: starts `handoff server` for Markdown task lists and the TODO
-- comments of source files.
--
--   require("handoff").setup({
--     cmd = { "handoff", "server" },          -- default
--     filetypes = { "markdown", "rust", ... }, -- default: every supported one
--     settings = { handoff = { rules = { ["multiple-tasks"] = "error" } } },
--   })
--
-- Works with Neovim 0.7 and later: `vim.lsp.start` where it exists (0.8+),
-- `vim.lsp.start_client` + `vim.lsp.buf_attach_client` before that.

local M = {}

--- Neovim filetypes that handoff reads (the server maps them to its
--- languages: `sh`/`bash` to shell, `cs` to C#, ...).
M.filetypes = {
  "markdown",
  "rust",
  "python",
  "javascript",
  "javascriptreact",
  "typescript",
  "typescriptreact",
  "go",
  "java",
  "c",
  "cpp",
  "cs",
  "ruby",
  "sh",
  "bash",
  "lua",
  "yaml",
  "toml",
  "php",
  "kotlin",
  "swift",
  "scala",
  "html",
  "css",
}

--- Files or folders that mark a project root; the nearest folder holding any
--- of them is the root.
M.root_markers = { "handoff.toml", ".handoff.toml", ".git" }

local defaults = {
  name = "handoff",
  cmd = { "handoff", "server" },
  filetypes = nil, -- M.filetypes
  root_markers = nil, -- M.root_markers
  settings = nil, -- { handoff = { ... } }
  capabilities = nil,
  on_attach = nil,
  on_init = nil,
}

M.options = vim.deepcopy(defaults)

-- Clients started on Neovim 0.7, by root folder.
local clients_by_root = {}

local uv = vim.uv or vim.loop

local function empty_dict()
  if vim.empty_dict then
    return vim.empty_dict()
  end
  return vim.fn.json_decode("{}")
end

-- An empty Lua table is encoded as a JSON array (`[]`); the server expects
-- objects for the section itself and for `rules`.
local function normalize_settings(settings)
  settings = vim.deepcopy(settings or {})
  local section = settings.handoff
  if section == nil then
    -- Also accept the section itself: `settings = { rules = { ... } }`.
    if next(settings) ~= nil then
      section = settings
    else
      section = {}
    end
    settings = { handoff = section }
  end
  if type(section) == "table" then
    if next(section) == nil then
      settings.handoff = empty_dict()
    elseif type(section.rules) == "table" and next(section.rules) == nil then
      section.rules = empty_dict()
    end
  end
  return settings
end

local function is_dir_or_file(path)
  return uv.fs_stat(path) ~= nil
end

--- The root folder for `path` (a file or folder): the nearest folder, going
--- up, that holds one of the root markers; the file's own folder when none.
---@param path string
---@param markers string[]|nil
---@return string
function M.root_dir(path, markers)
  markers = markers or M.options.root_markers or M.root_markers
  local start = vim.fn.fnamemodify(path, ":p")
  local stat = uv.fs_stat(start)
  if not (stat and stat.type == "directory") then
    start = vim.fn.fnamemodify(start, ":h")
  end
  start = start:gsub("(.)/+$", "%1")
  local dir = start
  while true do
    for _, marker in ipairs(markers) do
      if is_dir_or_file(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir or parent == "" then
      break
    end
    dir = parent
  end
  return start
end

local function capabilities(extra)
  local caps = vim.lsp.protocol.make_client_capabilities()
  -- Neovim 0.7 answers `workspace/configuration` but does not say so.
  caps.workspace = caps.workspace or {}
  caps.workspace.configuration = true
  if extra then
    caps = vim.tbl_deep_extend("force", caps, extra)
  end
  return caps
end

--- The client configuration for a buffer, as `vim.lsp.start` takes it.
---@param bufnr integer|nil
---@return table
function M.client_config(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local opts = M.options
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root = M.root_dir(name ~= "" and name or vim.fn.getcwd(), opts.root_markers)
  local settings = normalize_settings(opts.settings)
  local user_on_init = opts.on_init
  return {
    name = opts.name or "handoff",
    cmd = opts.cmd or defaults.cmd,
    root_dir = root,
    workspace_folders = {
      { uri = vim.uri_from_fname(root), name = root },
    },
    settings = settings,
    capabilities = capabilities(opts.capabilities),
    on_attach = opts.on_attach,
    on_init = function(client, result)
      if vim.fn.has("nvim-0.8") == 0 then
        -- Neovim 0.7 does not send the settings by itself.
        client.notify("workspace/didChangeConfiguration", { settings = settings })
      end
      if user_on_init then
        return user_on_init(client, result)
      end
    end,
  }
end

local function buffer_wanted(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) then
    return false
  end
  if vim.api.nvim_buf_get_option(bufnr, "buftype") ~= "" then
    return false
  end
  local ft = vim.api.nvim_buf_get_option(bufnr, "filetype")
  return vim.tbl_contains(M.options.filetypes or M.filetypes, ft)
end

--- Starts the server for a buffer (or reuses the one running for its root)
--- and attaches the buffer. Returns the client id.
---@param bufnr integer|nil
---@return integer|nil
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  local config = M.client_config(bufnr)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  -- Neovim 0.7.
  local id = clients_by_root[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    if not id then
      return nil
    end
    clients_by_root[config.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- Configures and enables the plugin: the server starts for every buffer of
--- the chosen filetypes, now and later.
---@param opts table|nil
function M.setup(opts)
  M.options = vim.tbl_extend("force", vim.deepcopy(defaults), opts or {})
  local group = vim.api.nvim_create_augroup("handoff_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.options.filetypes or M.filetypes,
    callback = function(args)
      if buffer_wanted(args.buf) then
        M.start(args.buf)
      end
    end,
  })
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and buffer_wanted(buf) then
      M.start(buf)
    end
  end
end

--- A configuration for Neovim 0.11's `vim.lsp.config` (also what
--- `lsp/handoff.lua` returns).
---@param opts table|nil same keys as setup()
---@return table
function M.lsp_config(opts)
  opts = vim.tbl_extend("force", vim.deepcopy(defaults), opts or {})
  return {
    cmd = opts.cmd,
    filetypes = opts.filetypes or M.filetypes,
    root_markers = opts.root_markers or M.root_markers,
    settings = normalize_settings(opts.settings),
    capabilities = opts.capabilities,
    on_attach = opts.on_attach,
  }
end

return M
