basic = <<-EOT
    first
      second
    third
    EOT
tabs = <<-EOT
	one
		two
	EOT
blank_lines = <<-EOT
    a

    b
   
    c
  EOT
interp_at_line_start = <<-EOT
    a
${x}
    b
  EOT
interp_indented = <<-EOT
    ${x}
      b
  EOT
directive_lines = <<-EOT
  %{ for s in subnets ~}
  - ${s}
  %{ endfor ~}
EOT
uneven = <<-EOT
      six
  two
    four
EOT
