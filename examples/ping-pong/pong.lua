-- pong: answers every Ping with a Pong, through msg.reply (so the reply carries X-Reference).
Handlers.add("ping", "Ping", function(msg)
  msg.reply({ Action = "Pong", Data = msg.Data })
end)
