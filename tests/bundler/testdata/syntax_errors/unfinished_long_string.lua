local s = [==[ long
]] still open
