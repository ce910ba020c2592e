-- eval: the _eval handler. Runs msg.Data as `return <code>`, falling back to
-- `<code>`; the returned value is appended to the print log (tables
-- formatted, other values tostring'd, never coloured).
local stringify = require(".stringify")

return function(ao)
  return function(msg)
    local code = msg.Data
    local fn, err = load("return " .. code, "aos", "t", _G)
    if err then
      fn, err = load(code, "aos", "t", _G)
    end
    if not fn then
      ao.outbox.Error = err
      return
    end
    local output, second = fn()
    if second then
      ao.outbox.Error = second
      return
    end
    if HANDLER_PRINT_LOGS and output then
      table.insert(HANDLER_PRINT_LOGS,
        type(output) == "table" and stringify.format(output) or tostring(output))
    elseif output then
      ao.outbox.Output = {
        data = type(output) == "table" and stringify.format(output) or tostring(output),
        prompt = Prompt()
      }
    end
  end
end
