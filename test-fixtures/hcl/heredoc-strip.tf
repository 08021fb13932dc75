trim_line = <<EOT
foo ${~x} 
  bar ${x~}   
  baz
EOT
trim_prev_line = <<EOT
foo
${~x}
EOT
flush_strip = <<-EOT
  %{ if x ~}
  kept
  %{ endif ~}
EOT
