this is = = not terraform
