-- eval: the _eval handler. Runs msg.Data as `return <code>`, falling back to
-- `<code>`; the returned value is appended to the print log (tables
-- formatted, other values tostring'd, never coloured).
local stringify = require(".stringify")

return function(ao)
  -- chunkname: "aos" as upstream, unless the boot code came from a file (aokit extension:
  -- the emulator tags such spawns with Aokit-Source-File so errors read file:line).
  return function(msg, chunkname)
    local code = msg.Data
    chunkname = chunkname or "aos"
    local fn, err = load("return " .. code, chunkname, "t", _G)
    if err then
      fn, err = load(code, chunkname, "t", _G)
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
