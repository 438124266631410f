#include <curl/curl.h>

static size_t discard(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    (void)ptr;
    (void)userdata;
    return size * nmemb;
}

CURLcode fetch_status(const char *url)
{
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        return CURLE_FAILED_INIT;
    }
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    // ruleid: c.libcurl.ssl-verify-disabled
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    // ruleid: c.libcurl.ssl-verify-disabled
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return rc;
}

CURLcode fetch_via_proxy(CURL *curl)
{
    // ruleid: c.libcurl.ssl-verify-disabled
    curl_easy_setopt(curl, CURLOPT_PROXY_SSL_VERIFYPEER, (long)0);
    return curl_easy_perform(curl);
}

CURLcode fetch_status_verified(const char *url, const char *ca_file)
{
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        return CURLE_FAILED_INIT;
    }
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    // ok: c.libcurl.ssl-verify-disabled
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    // ok: c.libcurl.ssl-verify-disabled
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    // ok: c.libcurl.ssl-verify-disabled
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file);
    // ok: c.libcurl.ssl-verify-disabled
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 0L);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return rc;
}
