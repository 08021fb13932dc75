a = 1 +
b = [1 2]
c = {a = 1 b = 2}
d = f(1 2)
e = x.
f = (1 + 2
g = x[*
h = 1.2.3
i = a.0.1
j = a ? b
k = {a}
l = x.*.*
m = provider::
