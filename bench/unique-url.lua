-- Gives every request its own URL by appending a counter the server
-- ignores (_b=N), so the response cache never hits: what a page costs to
-- render from the database.
local n = 0
local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"

request = function()
	n = n + 1
	return wrk.format(nil, wrk.path .. sep .. "_b=" .. n)
end
