// Added to a copy of gorilla/mux v1.8.1 (taken from the module cache at build time, never committed) in place of
// Traefik's fork github.com/containous/mux, which this machine's proxy refuses. Traefik v3 uses exactly these two
// symbols of its fork: RoutingPathKey, the context key under which its muxer stores the request's routing path, and
// Router.UseRoutingPath, which makes the v2-syntax Path/PathPrefix matchers match that path. Here UseRoutingPath
// matches the percent-encoded path instead (gorilla's UseEncodedPath): the same for every path without
// percent-encoded unreserved characters, and the default v3 rule syntax (what Ingress routes use) never calls it.
package mux

type routingPathContextKey struct{}

// RoutingPathKey is the request-context key of the routing path Traefik's muxer computes.
var RoutingPathKey = routingPathContextKey{}

// UseRoutingPath makes the router's path matchers work on the encoded request path.
func (r *Router) UseRoutingPath() *Router {
	return r.UseEncodedPath()
}
