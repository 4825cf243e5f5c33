#ifndef TOOLPORT_CCURL_SHIM_H
#define TOOLPORT_CCURL_SHIM_H

#include <curl/curl.h>

/* Typed wrappers around libcurl's variadic calls, which Swift cannot call directly. */

static inline CURLcode toolport_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode toolport_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode toolport_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode toolport_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*toolport_data_callback)(char *buffer, size_t size, size_t count, void *userdata);

static inline CURLcode toolport_easy_setopt_data_callback(CURL *handle, CURLoption option, toolport_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

typedef int (*toolport_progress_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode toolport_easy_setopt_progress_callback(CURL *handle, toolport_progress_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

typedef int (*toolport_prereq_callback)(void *userdata, char *primary_ip, char *local_ip, int primary_port, int local_port);

/* CURLOPT_PREREQFUNCTION (7.80+): called once a connection is made or reused, right before the request is sent. */
static inline CURLcode toolport_easy_setopt_prereq_callback(CURL *handle, toolport_prereq_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_PREREQFUNCTION, callback);
}

typedef int (*toolport_seek_callback)(void *userdata, curl_off_t offset, int origin);

static inline CURLcode toolport_easy_setopt_seek_callback(CURL *handle, toolport_seek_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_SEEKFUNCTION, callback);
}

static inline CURLcode toolport_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode toolport_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode toolport_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode toolport_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

#endif
