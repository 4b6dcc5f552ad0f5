print("hyper")
