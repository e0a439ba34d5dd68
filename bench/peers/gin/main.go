// Command gin is the article's Go peer: Gin with /ping, /fib/:n and the I/O endpoint /data/:id.
// Release mode, gin.New() plus Recovery and no request logging (none of the peers logs per request).
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gomodule/redigo/redis"
)

func fibonacci(n int) int {
	if n <= 1 {
		return n
	}
	return fibonacci(n-1) + fibonacci(n-2)
}

func main() {
	port := env("PORT", "8000")
	upstream := env("UPSTREAM_URL", "http://127.0.0.1:8001")
	redisAddr := env("REDIS_ADDR", "127.0.0.1:6379")

	// The default transport keeps only 2 idle connections per host, which would reconnect under load.
	client := &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024},
	}
	pool := &redis.Pool{
		MaxIdle: 256,
		Dial:    func() (redis.Conn, error) { return redis.Dial("tcp", redisAddr) },
	}

	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	r.GET("/ping", func(c *gin.Context) {
		c.JSON(200, gin.H{"message": "pong"})
	})
	r.GET("/fib/:n", func(c *gin.Context) {
		n, _ := strconv.Atoi(c.Param("n"))
		c.JSON(200, gin.H{"result": fibonacci(n)})
	})
	r.GET("/data/:id", func(c *gin.Context) {
		id := c.Param("id")
		resp, err := client.Get(upstream + "/items/" + id)
		if err != nil {
			c.JSON(502, gin.H{"error": err.Error()})
			return
		}
		var apiData interface{}
		err = json.NewDecoder(resp.Body).Decode(&apiData)
		resp.Body.Close()
		if err != nil {
			c.JSON(502, gin.H{"error": err.Error()})
			return
		}
		conn := pool.Get()
		defer conn.Close()
		cacheData, err := redis.String(conn.Do("GET", "cache:"+id))
		if err != nil && err != redis.ErrNil {
			c.JSON(502, gin.H{"error": err.Error()})
			return
		}
		hits, err := redis.Int64(conn.Do("INCR", "hits:"+id))
		if err != nil {
			c.JSON(502, gin.H{"error": err.Error()})
			return
		}
		c.JSON(200, gin.H{"api": apiData, "cache": cacheData, "hits": hits})
	})
	log.Printf("gin listening on 127.0.0.1:%s", port)
	log.Fatal(r.Run("127.0.0.1:" + port))
}

func env(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
