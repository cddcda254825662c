// Added to a copy of abbot/go-http-auth v0.4.0 (taken from the module cache at build time, never committed) in
// place of Traefik's fork github.com/containous/go-http-auth, which this machine's proxy refuses (as it refuses
// every abbot/go-http-auth version after v0.4.0). Traefik v3 uses two symbols of the fork that v0.4.0 lacks.
package auth

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// CheckSecret reports whether password matches an htpasswd secret, picking the comparison by the secret's prefix
// exactly as BasicAuth.CheckAuth does (MD5-crypt by default, {SHA}, bcrypt).
func CheckSecret(password, secret string) bool {
	compare := compareFuncs[0].compare
	for _, cmp := range compareFuncs[1:] {
		if strings.HasPrefix(secret, cmp.prefix) {
			compare = cmp.compare
			break
		}
	}
	return compare([]byte(secret), []byte(password)) == nil
}

// RequireAuthStale is RequireAuth's challenge with stale=true (RFC 7616 section 3.3): the client's nonce is no
// longer valid and it may retry with the new one without asking its user again.
func (a *DigestAuth) RequireAuthStale(w http.ResponseWriter, r *http.Request) {
	if len(a.clients) > a.ClientCacheSize+a.ClientCacheTolerance {
		a.Purge(a.ClientCacheTolerance * 2)
	}
	nonce := RandomKey()
	a.clients[nonce] = &digest_client{nc: 0, last_seen: time.Now().UnixNano()}
	w.Header().Set(contentType, a.Headers.V().UnauthContentType)
	w.Header().Set(a.Headers.V().Authenticate,
		fmt.Sprintf(`Digest realm="%s", nonce="%s", opaque="%s", algorithm="MD5", qop="auth", stale=true`,
			a.Realm, nonce, a.Opaque))
	w.WriteHeader(a.Headers.V().UnauthCode)
	w.Write([]byte(a.Headers.V().UnauthResponse))
}
