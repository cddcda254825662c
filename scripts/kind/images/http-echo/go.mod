module prload.local/http-echo

go 1.26.0
