// Command go-nethttp answers every GET with a constant JSON body after DELAY_MS milliseconds.
// With DELAY_MS=0 it is the harness's calibration ceiling (the least a server can do per request);
// with DELAY_MS=20 it is the upstream stub that the I/O scenario calls.
package main

import (
	"log"
	"net/http"
	"os"
	"strconv"
	"time"
)

func main() {
	port := env("PORT", "8000")
	delay, err := strconv.Atoi(env("DELAY_MS", "0"))
	if err != nil {
		log.Fatalf("DELAY_MS: %v", err)
	}
	body := []byte(`{"message":"pong"}`)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if delay > 0 {
			time.Sleep(time.Duration(delay) * time.Millisecond)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	log.Printf("go-nethttp listening on 127.0.0.1:%s, delay %d ms", port, delay)
	log.Fatal(http.ListenAndServe("127.0.0.1:"+port, nil))
}

func env(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
