package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/mux"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"gorm.io/gorm"
)

type Server struct {
	db   *sql.DB
	dbx  *sqlx.DB
	gorm *gorm.DB
}

type User struct {
	ID    int64
	Name  string
	Email string
}

type searchRequest struct {
	Name  string `json:"name"`
	Order string `json:"order"`
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go.net-http.sql-injection
	rows, err := s.db.Query("SELECT id, name FROM users WHERE name = '" + name + "'")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	query := fmt.Sprintf("DELETE FROM users WHERE id = %s", id)
	// ruleid: go.net-http.sql-injection
	if _, err := s.db.ExecContext(r.Context(), query); err != nil {
		http.Error(w, "failed", http.StatusInternalServerError)
	}
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	order := r.FormValue("order")
	var users []User
	// ruleid: go.net-http.sql-injection
	err := s.dbx.Select(&users, "SELECT * FROM users ORDER BY "+order)
	_ = err
	// ruleid: go.net-http.sql-injection
	row := s.db.QueryRowContext(context.Background(), "SELECT count(*) FROM users WHERE email LIKE '%"+r.Header.Get("X-Domain")+"'")
	_ = row
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	var req searchRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var b strings.Builder
	b.WriteString("SELECT * FROM users WHERE name = '")
	b.WriteString(req.Name)
	b.WriteString("'")
	// ruleid: go.net-http.sql-injection
	rows, _ := s.dbx.Queryx(b.String())
	_ = rows
}

func (s *Server) ginSearch(c *gin.Context) {
	var users []User
	name := c.Query("name")
	// ruleid: go.net-http.sql-injection
	s.gorm.Raw("SELECT * FROM users WHERE name = '" + name + "'").Scan(&users)
	// ruleid: go.net-http.sql-injection
	s.gorm.Where(fmt.Sprintf("email = '%s'", c.PostForm("email"))).Find(&users)
	// ruleid: go.net-http.sql-injection
	s.gorm.Order("created_at " + c.DefaultQuery("dir", "asc")).Find(&users)
	c.JSON(http.StatusOK, users)
}

func (s *Server) ginUpdate(c *gin.Context) {
	var req searchRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	stmt := "UPDATE users SET name = '" + req.Name + "' WHERE id = " + c.Param("id")
	// ruleid: go.net-http.sql-injection
	s.db.Exec(stmt)
}

// ---------------------------------------------------------------- safe

func (s *Server) getUserSafe(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ok: go.net-http.sql-injection
	rows, err := s.db.Query("SELECT id, name FROM users WHERE name = $1", name)
	if err != nil {
		return
	}
	defer rows.Close()
	// ok: go.net-http.sql-injection
	s.db.ExecContext(r.Context(), "DELETE FROM sessions WHERE user_name = ?", name)
}

func (s *Server) deleteUserSafe(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(mux.Vars(r)["id"])
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	// ok: go.net-http.sql-injection
	s.db.Exec(fmt.Sprintf("DELETE FROM users WHERE id = %d", id))
}

func (s *Server) listUsersSafe(w http.ResponseWriter, r *http.Request) {
	columns := map[string]string{"name": "name", "created": "created_at"}
	order, ok := columns[r.FormValue("order")]
	if !ok {
		order = "id"
	}
	var users []User
	// ok: go.net-http.sql-injection
	s.dbx.Select(&users, "SELECT * FROM users ORDER BY "+pq.QuoteIdentifier(r.FormValue("order")))
	// ok: go.net-http.sql-injection
	s.dbx.Select(&users, "SELECT * FROM users WHERE name = $1", r.FormValue("name"))
	_ = order
}

func (s *Server) preparedSafe(w http.ResponseWriter, r *http.Request) {
	stmt, err := s.db.Prepare("INSERT INTO audit (who, what) VALUES ($1, $2)")
	if err != nil {
		return
	}
	defer stmt.Close()
	// ok: go.net-http.sql-injection
	stmt.Exec(r.FormValue("who"), r.FormValue("what"))
}

func insertWithStmt(stmt *sql.Stmt, r *http.Request) {
	// ok: go.net-http.sql-injection
	stmt.QueryRow(r.URL.Query().Get("id"))
}

func (s *Server) ginSearchSafe(c *gin.Context) {
	var users []User
	// ok: go.net-http.sql-injection
	s.gorm.Raw("SELECT * FROM users WHERE name = ?", c.Query("name")).Scan(&users)
	// ok: go.net-http.sql-injection
	s.gorm.Where("email = ?", c.PostForm("email")).Find(&users)
	// ok: go.net-http.sql-injection
	s.gorm.Where(&User{Name: c.Query("name")}).First(&users)
	// ok: go.net-http.sql-injection
	s.gorm.Where(map[string]interface{}{"name": c.Query("name")}).Find(&users)
	limit, _ := strconv.Atoi(c.DefaultQuery("limit", "20"))
	// ok: go.net-http.sql-injection
	s.gorm.Raw(fmt.Sprintf("SELECT * FROM users LIMIT %d", limit)).Scan(&users)
	// ok: go.net-http.sql-injection
	s.gorm.Exec("UPDATE users SET name = ? WHERE id = ?", c.PostForm("name"), c.Param("id"))
	c.JSON(http.StatusOK, users)
}

func migrate(db *sql.DB, table string) {
	// ok: go.net-http.sql-injection
	db.Exec("CREATE TABLE IF NOT EXISTS " + table + " (id SERIAL PRIMARY KEY)")
}

func main() {
	s := &Server{}
	r := mux.NewRouter()
	r.HandleFunc("/users", s.getUser)
	http.ListenAndServe(":8080", r)
}
