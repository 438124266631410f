package main

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-ldap/ldap/v3"
)

type Directory struct {
	conn   *ldap.Conn
	baseDN string
}

type loginForm struct {
	Username string `form:"username"`
	Password string `form:"password"`
}

func (d *Directory) lookup(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("user")
	req := ldap.NewSearchRequest(
		d.baseDN,
		ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false,
		// ruleid: go.net-http.ldap-injection
		"(&(objectClass=person)(uid="+user+"))",
		[]string{"dn", "cn", "mail"},
		nil,
	)
	res, err := d.conn.Search(req)
	if err != nil {
		http.Error(w, "search failed", http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "%d entries", len(res.Entries))
}

func (d *Directory) groups(w http.ResponseWriter, r *http.Request) {
	filter := fmt.Sprintf("(&(objectClass=group)(cn=%s))", r.URL.Query().Get("group"))
	// ruleid: go.net-http.ldap-injection
	req := ldap.NewSearchRequest(d.baseDN, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, filter, nil, nil)
	d.conn.Search(req)
}

func (d *Directory) ginLogin(c *gin.Context) {
	var form loginForm
	if err := c.ShouldBind(&form); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	req := &ldap.SearchRequest{
		BaseDN: d.baseDN,
		Scope:  ldap.ScopeWholeSubtree,
		// ruleid: go.net-http.ldap-injection
		Filter:     "(uid=" + form.Username + ")",
		Attributes: []string{"dn"},
	}
	d.conn.Search(req)
	// ruleid: go.net-http.ldap-injection
	d.conn.Search(ldap.NewSearchRequest("ou="+c.Query("ou")+",dc=example,dc=com", ldap.ScopeSingleLevel, ldap.NeverDerefAliases, 0, 0, false, "(objectClass=*)", nil, nil))
}

// ---------------------------------------------------------------- safe

func (d *Directory) lookupSafe(w http.ResponseWriter, r *http.Request) {
	user := ldap.EscapeFilter(r.FormValue("user"))
	req := ldap.NewSearchRequest(
		d.baseDN,
		ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false,
		// ok: go.net-http.ldap-injection
		"(&(objectClass=person)(uid="+user+"))",
		[]string{"dn", "cn", "mail"},
		nil,
	)
	d.conn.Search(req)
}

func (d *Directory) ginLoginSafe(c *gin.Context) {
	var form loginForm
	if err := c.ShouldBind(&form); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	req := &ldap.SearchRequest{
		BaseDN: d.baseDN,
		Scope:  ldap.ScopeWholeSubtree,
		// ok: go.net-http.ldap-injection
		Filter:     fmt.Sprintf("(uid=%s)", ldap.EscapeFilter(form.Username)),
		Attributes: []string{"dn"},
	}
	d.conn.Search(req)
	// ok: go.net-http.ldap-injection
	d.conn.Search(ldap.NewSearchRequest("ou="+ldap.EscapeDN(c.Query("ou"))+",dc=example,dc=com", ldap.ScopeSingleLevel, ldap.NeverDerefAliases, 0, 0, false, "(objectClass=*)", nil, nil))
}

func (d *Directory) allUsers() {
	// ok: go.net-http.ldap-injection
	d.conn.Search(ldap.NewSearchRequest(d.baseDN, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(objectClass=person)", nil, nil))
}

func main() {
	d := &Directory{}
	http.HandleFunc("/lookup", d.lookup)
	http.ListenAndServe(":8080", nil)
}
