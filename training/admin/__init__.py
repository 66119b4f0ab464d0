"""Admin pages beyond the viewsets: a class's report (`reports`) and its sign-in
sheets, downloaded and imported back (`sheets`)."""
