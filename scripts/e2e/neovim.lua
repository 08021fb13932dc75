-- Drives the lambda-vpc-lint server from a real LSP client: Neovim 0.7 (headless).
-- Run by scripts/e2e/neovim.ts as:  nvim --headless --clean -u NONE -c 'luafile scripts/e2e/neovim.lua'
-- with LVL_PLAN naming a JSON plan: { node, server, root, file, result, timeoutMs, fix = {line, text}, breakAt = {line, text} }
-- (lines 0-based). Headless `print` is unusable, so every observation goes into the JSON file `result`;
-- the mocha test asserts on it. Steps:
--   1. open `file`, start the server over stdio, attach: diagnostics must arrive;
--   2. ask for code actions on the first diagnostic;
--   3. replace line `fix.line` by `fix.text` (didChange): the diagnostics must go away;
--   4. insert `breakAt.text` at `breakAt.line`: a diagnostic must appear there;
--   5. apply the first "ignore" quick fix that carries an edit: the diagnostics must go away again.

local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('LVL_PLAN')), '\n'))
local result = { steps = {}, published = 0 }
local timeout = plan.timeoutMs or 20000

-- The last publishDiagnostics per URI, as the server sent it (raw LSP, so code/source/range are exact).
local raw = {}

local function step(name, data)
  data.name = name
  data.atMs = vim.loop.now()
  table.insert(result.steps, data)
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local function run()
  result.nvimVersion = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch)
  vim.cmd('edit ' .. vim.fn.fnameescape(plan.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  result.uri = uri

  local initialized = false
  local client_id = vim.lsp.start_client({
    name = 'lambda-vpc-lint',
    cmd = { plan.node, plan.server, '--stdio' },
    root_dir = plan.root,
    on_init = function(_, initialize_result)
      initialized = true
      result.serverInfo = initialize_result.serverInfo
    end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        result.published = result.published + 1
        raw[params.uri] = params.diagnostics
        return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
    },
  })
  if not client_id then
    error('vim.lsp.start_client returned nil')
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function diagnostics()
    return raw[uri] or {}
  end
  local function wait_for(pred)
    return vim.wait(timeout, pred, 20)
  end

  -- 1. Diagnostics for the broken file.
  local ok = wait_for(function() return initialized end)
  step('initialized', { ok = ok })
  if not ok then error('the server did not finish initialize in ' .. timeout .. ' ms') end
  ok = wait_for(function() return #diagnostics() > 0 end)
  step('open', { ok = ok, diagnostics = diagnostics(), nvimDiagnosticCount = #vim.diagnostic.get(bufnr) })
  if not ok then error('no diagnostics arrived for ' .. uri) end

  -- 2. Code actions on the first diagnostic.
  local first = diagnostics()[1]
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = first.range,
    context = { diagnostics = { first } },
  }, timeout)
  local actions = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do table.insert(actions, action) end
  end
  step('codeActions', { ok = #actions > 0, actions = actions })

  -- 3. An edit that repairs the file: the diagnostics must be withdrawn.
  local before = result.published
  vim.api.nvim_buf_set_lines(bufnr, plan.fix.line, plan.fix.line + 1, false, { plan.fix.text })
  ok = wait_for(function() return result.published > before and #diagnostics() == 0 end)
  step('fixed', { ok = ok, diagnostics = diagnostics(), text = buffer_text(bufnr) })

  -- 4. An edit that breaks another line: a diagnostic must appear there.
  before = result.published
  vim.api.nvim_buf_set_lines(bufnr, plan.breakAt.line, plan.breakAt.line, false, { plan.breakAt.text })
  ok = wait_for(function() return result.published > before and #diagnostics() > 0 end)
  step('broken', { ok = ok, diagnostics = diagnostics(), text = buffer_text(bufnr) })

  -- 5. The quick fix that ignores the finding, applied as the editor would.
  local d = diagnostics()[1]
  local edit_action
  if d then
    responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = d.range,
      context = { diagnostics = { d }, only = { 'quickfix' } },
    }, timeout)
    for _, response in pairs(responses or {}) do
      for _, action in ipairs(response.result or {}) do
        if not edit_action and action.edit and string.find(string.lower(action.title or ''), 'ignore', 1, true) then
          edit_action = action
        end
      end
    end
  end
  if edit_action then
    before = result.published
    vim.lsp.util.apply_workspace_edit(edit_action.edit, 'utf-16')
    ok = wait_for(function() return result.published > before and #diagnostics() == 0 end)
    step('ignored', { ok = ok, title = edit_action.title, diagnostics = diagnostics(), text = buffer_text(bufnr) })
  else
    step('ignored', { ok = false, title = vim.NIL, diagnostics = diagnostics(), text = buffer_text(bufnr) })
  end

  vim.lsp.stop_client(client_id)
  wait_for(function() return vim.lsp.get_client_by_id(client_id) == nil end)
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
result.logPath = vim.lsp.get_log_path()
vim.fn.writefile({ vim.fn.json_encode(result) }, plan.result)
vim.cmd('qa!')
