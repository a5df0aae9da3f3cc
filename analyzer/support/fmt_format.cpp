// fmt's compiled part, built into bucketlint_analysis when the executable is linked statically
// (BUCKETLINT_STATIC, see CMakeLists.txt): Debian's libfmt-dev ships the shared library and the
// headers but no static archive. This is what fmt's own src/format.cc compiles: format-inl.h
// (the non-template functions) and the explicit instantiations format.h declares `extern`.
// Compiling it once here keeps every other file on the ordinary (non-header-only) fmt headers:
// FMT_HEADER_ONLY would compile fmt's implementation into every translation unit (about 3.7 s
// more per rule file).

#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template FMT_API auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

#ifndef FMT_STATIC_THOUSANDS_SEPARATOR
template FMT_API locale_ref::locale_ref(const std::locale& loc);
template FMT_API auto locale_ref::get<std::locale>() const -> std::locale;
#endif

template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
template FMT_API void buffer<char>::append(const char*, const char*);
template FMT_API void vformat_to(buffer<char>&, string_view,
                                 basic_format_args<FMT_BUFFER_CONTEXT(char)>, locale_ref);

}  // namespace detail
FMT_END_NAMESPACE
