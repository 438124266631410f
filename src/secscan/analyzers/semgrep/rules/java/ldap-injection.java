package com.example.directory;

import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.filter.EqualsFilter;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

public class DirectoryServlet extends HttpServlet {
    private DirContext ctx;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        String user = request.getParameter("user");
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        try {
            // ruleid: java.lang.ldap-injection
            NamingEnumeration<SearchResult> results = ctx.search("ou=people,dc=example,dc=com", "(uid=" + user + ")", controls);

            String filter = "(&(objectClass=person)(mail=" + request.getParameter("mail") + "))";
            // ruleid: java.lang.ldap-injection
            ctx.search("ou=people,dc=example,dc=com", filter, controls);

            // ok: java.lang.ldap-injection
            ctx.search("ou=people,dc=example,dc=com", "(uid={0})", new Object[] {user}, controls);

            // ok: java.lang.ldap-injection
            ctx.search("ou=people,dc=example,dc=com", "(uid=" + LdapEncoder.filterEncode(user) + ")", controls);
        } catch (NamingException e) {
            response.setStatus(500);
        }
    }
}

@RestController
class PeopleController {
    private final LdapTemplate ldapTemplate;

    PeopleController(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping("/people")
    public List<String> find(@RequestParam String name) {
        AttributesMapper<String> mapper = attrs -> (String) attrs.get("cn").get();
        // ruleid: java.lang.ldap-injection
        return ldapTemplate.search("ou=people", "(cn=" + name + ")", mapper);
    }

    @GetMapping("/people/safe")
    public List<String> findSafe(@RequestParam String name) {
        AttributesMapper<String> mapper = attrs -> (String) attrs.get("cn").get();
        // ok: java.lang.ldap-injection
        return ldapTemplate.search("ou=people", new EqualsFilter("cn", name).encode(), mapper);
    }
}
