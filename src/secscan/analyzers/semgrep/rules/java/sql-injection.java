package com.example.app;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

public class UserSearchServlet extends HttpServlet {
    private DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        try (Connection conn = dataSource.getConnection()) {
            Statement stmt = conn.createStatement();
            // ruleid: java.lang.sql-injection
            ResultSet rs = stmt.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");

            String order = request.getParameter("order");
            StringBuilder sql = new StringBuilder("SELECT id, name FROM users ORDER BY ");
            sql.append(order);
            // ruleid: java.lang.sql-injection
            conn.createStatement().executeQuery(sql.toString());

            String id = request.getParameter("id");
            // ruleid: java.lang.sql-injection
            PreparedStatement bad = conn.prepareStatement("SELECT * FROM users WHERE id = " + id);
            bad.executeQuery();

            // ruleid: java.lang.sql-injection
            stmt.addBatch(String.format("DELETE FROM sessions WHERE token = '%s'", request.getHeader("X-Token")));

            // ok: java.lang.sql-injection
            PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
            ps.setString(1, name);
            ps.executeQuery();

            int page = Integer.parseInt(request.getParameter("page"));
            // ok: java.lang.sql-injection
            stmt.executeQuery("SELECT * FROM users LIMIT 20 OFFSET " + (page * 20));

            // ok: java.lang.sql-injection
            stmt.executeUpdate("DELETE FROM audit WHERE created < now() - interval '30 days'");
        } catch (SQLException e) {
            response.sendError(500);
        }
    }
}

@RestController
class ProductController {
    private final JdbcTemplate jdbcTemplate;
    private final EntityManager entityManager;

    ProductController(JdbcTemplate jdbcTemplate, EntityManager entityManager) {
        this.jdbcTemplate = jdbcTemplate;
        this.entityManager = entityManager;
    }

    @GetMapping("/products")
    public List<Map<String, Object>> search(@RequestParam("q") String query, @RequestParam int limit) {
        // ruleid: java.lang.sql-injection
        jdbcTemplate.queryForList("SELECT * FROM products WHERE title LIKE '%" + query + "%'");
        // ok: java.lang.sql-injection
        jdbcTemplate.queryForList("SELECT * FROM products LIMIT " + limit);
        // ok: java.lang.sql-injection
        return jdbcTemplate.queryForList("SELECT * FROM products WHERE title LIKE ?", "%" + query + "%");
    }

    @GetMapping("/products/{category}")
    public List<?> byCategory(@PathVariable String category) {
        // ruleid: java.lang.sql-injection
        return entityManager.createQuery("SELECT p FROM Product p WHERE p.category = '" + category + "'").getResultList();
    }

    @GetMapping("/products/by-owner")
    public List<?> byOwner(@RequestParam String owner) {
        // ok: java.lang.sql-injection
        return entityManager.createQuery("SELECT p FROM Product p WHERE p.owner = :owner")
                .setParameter("owner", owner)
                .getResultList();
    }

    @PostMapping("/products/rename")
    public int rename(@RequestBody RenameRequest body) {
        // ruleid: java.lang.sql-injection
        return jdbcTemplate.update("UPDATE products SET title = '" + body.getTitle() + "' WHERE id = " + body.getId());
    }

    @PostMapping("/products/rename-safe")
    public int renameSafe(@RequestBody RenameRequest body) {
        // ok: java.lang.sql-injection
        return jdbcTemplate.update("UPDATE products SET title = ? WHERE id = ?", body.getTitle(), body.getId());
    }

    public List<?> internalReport(String table) {
        // ok: java.lang.sql-injection
        return entityManager.createNativeQuery("SELECT count(*) FROM " + table).getResultList();
    }
}
