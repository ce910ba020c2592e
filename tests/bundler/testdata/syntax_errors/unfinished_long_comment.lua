--[==[ comment
never closed
