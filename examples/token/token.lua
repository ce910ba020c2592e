-- A minimal aos token: balances in bint, Transfer with Debit-Notice / Credit-Notice,
-- Balance and Balances queries, Mint for the owner.
local bint = require(".bint")(256)
local json = require("json")

Ticker = Ticker or "DEMO"
Denomination = Denomination or 12
Balances = Balances or { [ao.id] = tostring(bint("1000000000000000")) }

local function is_positive_amount(quantity)
  return type(quantity) == "string" and quantity:match("^%d+$") ~= nil and bint(quantity) > bint(0)
end

Handlers.add("balance", "Balance", function(msg)
  local who = msg.Target or msg.Recipient or msg.From
  if msg.Tags.Target then who = msg.Tags.Target end
  msg.reply({ Action = "Balance-Notice", Balance = Balances[who] or "0", Account = who, Ticker = Ticker,
              Data = Balances[who] or "0" })
end)

Handlers.add("balances", "Balances", function(msg)
  msg.reply({ Data = json.encode(Balances) })
end)

Handlers.add("transfer", "Transfer", function(msg)
  local quantity = msg.Quantity
  assert(type(msg.Recipient) == "string", "Recipient is required")
  assert(is_positive_amount(quantity), "Quantity must be a positive integer string")
  local have = bint(Balances[msg.From] or "0")
  if have < bint(quantity) then
    msg.reply({ Action = "Transfer-Error", ["Message-Id"] = msg.Id, Error = "Insufficient Balance!" })
    return
  end
  Balances[msg.From] = tostring(have - bint(quantity))
  Balances[msg.Recipient] = tostring(bint(Balances[msg.Recipient] or "0") + bint(quantity))
  if not msg.Cast then
    msg.reply({ Action = "Debit-Notice", Recipient = msg.Recipient, Quantity = quantity,
                Data = "You transferred " .. quantity .. " to " .. msg.Recipient })
    Send({ Target = msg.Recipient, Action = "Credit-Notice", Sender = msg.From, Quantity = quantity,
           Data = "You received " .. quantity .. " from " .. msg.From })
  end
end)

Handlers.add("mint", "Mint", function(msg)
  assert(msg.From == Owner, "only the owner may mint")
  assert(is_positive_amount(msg.Quantity), "Quantity must be a positive integer string")
  Balances[msg.From] = tostring(bint(Balances[msg.From] or "0") + bint(msg.Quantity))
  msg.reply({ Data = "Minted " .. msg.Quantity })
end)

function TotalSupply()
  local total = bint(0)
  for _, balance in pairs(Balances) do total = total + bint(balance) end
  return tostring(total)
end
