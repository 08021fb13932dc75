empty_tuple = []
tuple       = [1, "two", three]
trailing    = [1, 2, 3,]
multi_line  = [
  "a",
  "b"
]
empty_obj = {}
obj_eq    = { a = 1, b = 2 }
obj_colon = { "a": 1, "b": 2 }
obj_lines = {
  a = 1
  b = 2,
  c = 3
}
obj_trailing = { a = 1, }
nested = {
  list = [{ x = 1 }, { y = [2, 3] }]
  map  = { inner = { deep = true } }
}
duplicate_keys = { a = 1, a = 2 }
