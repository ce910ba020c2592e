while true do end
break
