print("f")
