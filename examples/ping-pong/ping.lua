-- ping: on Serve, sends Rounds pings to the process named in Data; counts the pongs.
Pongs = Pongs or 0

Handlers.add("serve", "Serve", function(msg)
  local rounds = tonumber(msg.Rounds or "1")
  for i = 1, rounds do
    Send({ Target = msg.Data, Action = "Ping", Data = "ball " .. i })
  end
end)

Handlers.add("pong", "Pong", function(msg)
  Pongs = Pongs + 1
  print("pong " .. Pongs .. ": " .. msg.Data)
end)
