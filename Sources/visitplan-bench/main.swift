print("visitplan-bench: see README")
