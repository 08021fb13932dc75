a { b = 1, c = 2 }
d { e {} }
f { g = 1
  h = 2
}
i { j }
k = 1
