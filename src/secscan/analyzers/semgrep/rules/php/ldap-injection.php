<?php

$ds = ldap_connect("ldaps://ldap.example.com");
$user = $_POST['username'];

// ruleid: php.lang.ldap-injection
$sr = ldap_search($ds, "dc=example,dc=com", "(&(objectClass=person)(uid=" . $user . "))");

// ruleid: php.lang.ldap-injection
$sr2 = ldap_list($ds, "ou=groups,dc=example,dc=com", "(member={$_GET['member']})", ['cn']);

$safeUser = ldap_escape($user, '', LDAP_ESCAPE_FILTER);
// ok: php.lang.ldap-injection
$sr3 = ldap_search($ds, "dc=example,dc=com", "(&(objectClass=person)(uid=" . $safeUser . "))");

// ok: php.lang.ldap-injection
$sr4 = ldap_search($ds, "dc=example,dc=com", "(objectClass=groupOfNames)");
