// A stand-in for hashicorp/http-echo 1.0.0, whose Go module this machine's proxy refuses, for the offline kind
// e2e only: runners with a registry pull the real image. It behaves like 1.0.0 wherever prload's chart relies on
// it: -listen (default :5678), -text (or ECHO_TEXT), -status-code, -version, /health answering {"status":"ok"},
// the X-App-Name and X-App-Version headers, one log line per request, graceful stop on SIGTERM. The image runs it
// as a static binary on an empty root filesystem, so it needs no shell, no writable path and no root.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

const version = "1.0.0"

func main() {
	listen := flag.String("listen", ":5678", "address and port to listen")
	text := flag.String("text", "", "text to put on the webpage")
	status := flag.Int("status-code", http.StatusOK, "http response code, e.g.: 200")
	showVersion := flag.Bool("version", false, "display version information")
	flag.Parse()

	if *showVersion {
		fmt.Printf("http-echo v%s (prload stand-in)\n", version)
		return
	}
	echoText := *text
	if echoText == "" {
		echoText = os.Getenv("ECHO_TEXT")
	}
	if echoText == "" {
		fmt.Fprintln(os.Stderr, "Missing -text option!")
		os.Exit(127)
	}
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "Too many arguments!")
		os.Exit(127)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/", logged(withAppHeaders(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(*status)
		fmt.Fprintln(w, echoText)
	})))
	mux.HandleFunc("/health", withAppHeaders(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status":"ok"}`)
	}))

	server := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	stop, cancel := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer cancel()
	go func() {
		<-stop.Done()
		log.Printf("[INFO] server is shutting down")
		shutdown, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		_ = server.Shutdown(shutdown)
	}()
	log.Printf("[INFO] server is listening on %s\n", *listen)
	if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("[ERR] Error starting server: %s", err)
	}
}

func withAppHeaders(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-App-Name", "http-echo")
		w.Header().Set("X-App-Version", version)
		next(w, r)
	}
}

func logged(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next(w, r)
		log.Printf("%s %s %s %s %s", r.Host, r.RemoteAddr, r.Method, r.URL.Path, time.Since(start))
	}
}
