a = [for x y]
b = [for x in y]
c = [for x in y : k => v]
d = { for x in y : x }
e = [for x in y : x...]
f = [for, x]
g = { for = 1 }
