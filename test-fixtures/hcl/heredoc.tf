plain = <<EOT
Hello
  World
EOT
with_interp = <<EOT
name: ${var.name}
$${escaped} %%{escaped}
$ alone and % alone
EOT
empty = <<EOT
EOT
marker_spaces = <<EOT
text
   EOT   
after = 1
other_marker = <<POLICY
{
  "Version": "2012-10-17"
}
POLICY
in_call = jsonencode(<<EOT
x
EOT
)
nested = <<OUTER
${<<INNER
inner text
INNER
}
OUTER
