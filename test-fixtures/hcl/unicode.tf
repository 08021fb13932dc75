café = "naïve ☕"
名前 = "値"
emoji = "😀 \U0001F600 \u2603"
ελληνικά {
  ключ = "значение"
}
combining = "é"
astral_after = "𝔘𝔫𝔦${x}𝔠𝔬𝔡𝔢"
map = { "日本" = 1, über = 2 }
