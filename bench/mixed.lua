-- Many visitors at once, each asking something else: every request is
-- drawn at random among list pages (any page of the whole list), searches
-- (one or two of the demo's words, each filter or none, mostly page 1) and
-- detail pages (any id; hidden ones answer 404 as they do for a visitor),
-- and a few JSON API searches. No parameter is added, so a request is
-- answered from the response cache only when the same page was asked
-- before and nothing was written since, as it falls.
--
-- Usage: wrk ... -s bench/mixed.lua URL -- PAGES MAXID AREAS GROUPS
--   PAGES   pages of the whole list; MAXID the largest association id;
--   AREAS, GROUPS  the filters' slugs, comma-separated.

local pages, maxid = 1, 1
local areas, groups = {}, {}
local forms = { "ideell", "stiftelse", "trossamfund", "ekonomisk", "informell" }

-- Words that occur in the demo's names and purposes, from very common to
-- rare, and place names.
local words = {
	"idrott", "musik", "kultur", "förening", "schack", "dans", "boxning",
	"scout", "odling", "läxhjälp", "språkcafé", "fotboll", "teater",
	"konsert", "kör", "orkester", "pensionär", "hyresgäst", "församling",
	"stiftelse", "kvinno", "regnbåg", "matkasse", "kooperativ", "barn",
	"unga", "familj", "natur", "klimat", "svenska", "friluftsliv",
	"innebandy", "balett", "folkdans", "studiecirkel", "nätverk",
	"gudstjänst", "tillgänglighet", "kampsport", "fritidsgård", "lindängen",
	"hyllie", "limhamn", "rosengård", "fosie", "möllevången", "bunkeflo",
	"oxie", "husie", "centrum", "södra", "nya",
}

local function split(s)
	local t = {}
	for v in string.gmatch(s or "", "[^,]+") do
		t[#t + 1] = v
	end
	return t
end

local function encode(s)
	return (string.gsub(s, "[^%w%-]", function(c)
		return string.format("%%%02X", string.byte(c))
	end))
end

local function pick(t)
	return t[math.random(#t)]
end

function init(args)
	pages = tonumber(args[1]) or 1
	maxid = tonumber(args[2]) or 1
	areas = split(args[3])
	groups = split(args[4])
	math.randomseed(os.time())
end

-- A search's query string: a word or two, each filter with some chance,
-- page 1 seven times in ten, else one of the next nine.
local function search()
	local q = pick(words)
	if math.random() < 0.2 then
		q = q .. " " .. pick(words)
	end
	local s = "q=" .. encode(q)
	if math.random() < 0.25 then
		s = s .. "&form=" .. pick(forms)
	end
	if #areas > 0 and math.random() < 0.3 then
		s = s .. "&omrade=" .. pick(areas)
	end
	if #groups > 0 and math.random() < 0.25 then
		s = s .. "&malgrupp=" .. pick(groups)
	end
	if math.random() >= 0.7 then
		s = s .. "&sida=" .. math.random(2, 10)
	end
	return s
end

function request()
	local r = math.random()
	local path
	if r < 0.35 then
		path = "/foreningar?sida=" .. math.random(pages)
	elseif r < 0.70 then
		path = "/foreningar?" .. search()
	elseif r < 0.95 then
		path = "/foreningar/" .. math.random(maxid)
	else
		path = "/api/v1/foreningar?" .. search()
	end
	return wrk.format("GET", path)
end
