-- Drives the lambda-vpc-lint server from a real LSP client: Neovim 0.7 (headless).
-- Run by scripts/e2e/neovim.ts as:  nvim --headless --clean -u NONE -c 'luafile scripts/e2e/neovim.lua'
-- with LVL_PLAN naming a JSON plan:
--   { node, server, root, file, result, timeoutMs, finding = {rule, line, fixTitle}, breakAt = {line, text} }
-- (lines 0-based). Headless `print` is unusable, so every observation goes into the JSON file `result`;
-- the mocha test asserts on it. Steps:
--   1. open `file`, start the server over stdio, attach: the diagnostic of `finding.rule` must arrive;
--   2. ask for the quick fixes of that diagnostic;
--   3. apply the one titled `finding.fixTitle` as the editor would (its edit, through didChange): the finding
--      must go away;
--   4. insert `breakAt.text` at `breakAt.line`: a diagnostic must appear there;
--   5. apply the first "ignore" quick fix that carries an edit: the diagnostics must go away again.

local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('LVL_PLAN')), '\n'))
local result = { steps = {}, published = 0 }
local timeout = plan.timeoutMs or 20000

-- The last publishDiagnostics per URI, as the server sent it (raw LSP, so code/source/range/data are exact),
-- and how many arrived per URI (a wait after an edit needs a publish that came after it).
local raw = {}
local publishes = {}

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
        publishes[params.uri] = (publishes[params.uri] or 0) + 1
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
  local function published()
    return publishes[uri] or 0
  end
  local function wait_for(pred)
    return vim.wait(timeout, pred, 20)
  end
  -- The first current diagnostic with code `rule`, or nil.
  local function diagnostic_of(rule)
    for _, d in ipairs(diagnostics()) do
      if d.code == rule then return d end
    end
    return nil
  end
  -- The quick fixes the server offers for diagnostic `d`, asked for the way an editor asks.
  local function quick_fixes(d)
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = d.range,
      context = { diagnostics = { d }, only = { 'quickfix' } },
    }, timeout)
    local actions = {}
    for _, response in pairs(responses or {}) do
      for _, action in ipairs(response.result or {}) do table.insert(actions, action) end
    end
    return actions
  end
  -- Applies `action`'s edit to the buffer; then waits for a newer publish that `done` accepts.
  local function apply(action, done)
    local before = published()
    vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
    return wait_for(function() return published() > before and done() end)
  end

  -- 1. The rule's diagnostic for the file as it is.
  local ok = wait_for(function() return initialized end)
  step('initialized', { ok = ok })
  if not ok then error('the server did not finish initialize in ' .. timeout .. ' ms') end
  ok = wait_for(function() return diagnostic_of(plan.finding.rule) ~= nil end)
  step('open', { ok = ok, diagnostics = diagnostics(), nvimDiagnosticCount = #vim.diagnostic.get(bufnr) })
  if not ok then error('no ' .. plan.finding.rule .. ' diagnostic arrived for ' .. uri) end

  -- 2. Its quick fixes.
  local actions = quick_fixes(diagnostic_of(plan.finding.rule))
  step('codeActions', { ok = #actions > 0, actions = actions })

  -- 3. The rule's own fix, applied: the finding must be withdrawn.
  local fix
  for _, action in ipairs(actions) do
    if not fix and action.edit and action.title == plan.finding.fixTitle then fix = action end
  end
  if fix then
    ok = apply(fix, function() return diagnostic_of(plan.finding.rule) == nil end)
    step('fixed', { ok = ok, title = fix.title, diagnostics = diagnostics(), text = buffer_text(bufnr), nvimDiagnosticCount = #vim.diagnostic.get(bufnr) })
  else
    step('fixed', { ok = false, title = vim.NIL, diagnostics = diagnostics(), text = buffer_text(bufnr) })
  end

  -- 4. An edit that breaks a line: a diagnostic must appear there.
  local before = published()
  vim.api.nvim_buf_set_lines(bufnr, plan.breakAt.line, plan.breakAt.line, false, { plan.breakAt.text })
  ok = wait_for(function() return published() > before and #diagnostics() > 0 end)
  step('broken', { ok = ok, diagnostics = diagnostics(), text = buffer_text(bufnr) })

  -- 5. The quick fix that ignores the new finding, applied as the editor would.
  local d = diagnostics()[1]
  local ignore
  if d then
    for _, action in ipairs(quick_fixes(d)) do
      if not ignore and action.edit and string.find(string.lower(action.title or ''), 'ignore', 1, true) then
        ignore = action
      end
    end
  end
  if ignore then
    ok = apply(ignore, function() return #diagnostics() == 0 end)
    step('ignored', { ok = ok, title = ignore.title, diagnostics = diagnostics(), text = buffer_text(bufnr) })
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
