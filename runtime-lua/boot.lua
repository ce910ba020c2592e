-- boot: the _boot handler, run once on the process (spawn) message.
-- The process message enters the Inbox when the Inbox is empty; with
-- `On-Boot = Data` the message's Data is evaluated as code.
return function(ao)
  local eval = require(".eval")(ao)
  return function(msg)
    if Inbox and #Inbox == 0 then
      table.insert(Inbox, msg)
    end
    local onBoot = msg.Tags["On-Boot"]
    if onBoot == nil then return end
    if onBoot == "Data" then
      local file = msg.Tags["Aokit-Source-File"]
      eval(msg, file and ("@" .. file) or nil)
      return
    end
    -- aos reads `/data/<tx id>` through WeaveDrive; the emulator has none.
    error("On-Boot = " .. tostring(onBoot) .. ": loading boot code from a transaction id " ..
      "needs WeaveDrive, which this runtime does not provide; use On-Boot = Data", 0)
  end
end
