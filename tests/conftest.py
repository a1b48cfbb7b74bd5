import os

# Tests never read the developer's own config file.
os.environ["SRCCOMPARE_NO_USER_CONFIG"] = "1"
