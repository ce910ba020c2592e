-- default: the _default handler — store the message in the Inbox and print
-- the coloured "New Message From ..." line.
return function(insertInbox)
  return function(msg)
    insertInbox(msg)
    local from = msg.From and (msg.From:sub(1, 3) .. "..." .. msg.From:sub(-3)) or "unknown"
    local line = Colors.gray .. "New Message From " .. Colors.green .. from .. Colors.gray .. ": "
    if msg.Action then
      line = line .. Colors.gray .. "Action = " .. Colors.blue .. msg.Action:sub(1, 20) .. Colors.reset
    else
      local data = msg.Data
      local shown = type(data) == "string" and data:sub(1, 20) or ""
      line = line .. Colors.gray .. "Data = " .. Colors.blue .. shown .. Colors.reset
    end
    print(line)
  end
end
