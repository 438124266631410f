class SearchController < ApplicationController
  include ActionView::Helpers::OutputSafetyHelper

  def index
    # ruleid: ruby.rails.xss
    @banner = "<h2>Results for #{params[:q]}</h2>".html_safe
    # ruleid: ruby.rails.xss
    @notice = raw(cookies[:flash_message])
    # ok: ruby.rails.xss
    @title = "Results for #{params[:q]}"
    # ok: ruby.rails.xss
    @footer = "<hr/>".html_safe
  end

  def preview
    # ruleid: ruby.rails.xss
    render html: "<div>#{params[:body]}</div>".html_safe
  end

  def safe
    # ok: ruby.rails.xss
    @banner = "<h2>Results for #{ERB::Util.html_escape(params[:q])}</h2>".html_safe
    # ok: ruby.rails.xss
    @bio = sanitize(params[:bio], tags: %w[b i em strong])
    # ok: ruby.rails.xss
    render html: "<p>Page #{params[:page].to_i}</p>".html_safe
  end
end
