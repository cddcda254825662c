// Package ext stands in for Traefik's nested module github.com/traefik/traefik/dynamic/ext, which Traefik's go.mod
// replaces with ./pkg/config/dynamic/ext: a module zip leaves nested modules out, and the proxy serves no version
// of it. Traefik embeds both types inline in its dynamic configuration as an extension point, and its generated
// DeepCopy copies them by value (`out.HTTP = in.HTTP`), so in the open-source build they carry no fields.
package ext

// HTTP extends dynamic.HTTPConfiguration.
type HTTP struct{}

// Router extends dynamic.Router.
type Router struct{}
