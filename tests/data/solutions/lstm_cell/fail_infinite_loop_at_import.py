# expect: importing your file did not finish
while True:
    pass
