// Debian's Boost 1.81 ships Boost.JSON and Boost.URL as headers only; their
// implementation is compiled once, here.
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
