require "open3"
require "shellwords"

class ToolsController < ApplicationController
  def ping
    host = params[:host]
    # ruleid: ruby.lang.command-injection
    output = `ping -c 1 #{host}`
    # ruleid: ruby.lang.command-injection
    system("nslookup #{host}")
    render plain: output
  end

  def convert
    # ruleid: ruby.lang.command-injection
    out, status = Open3.capture2("convert upload.png -resize #{params[:size]} out.png")
    # ruleid: ruby.lang.command-injection
    IO.popen("grep -r " + params[:pattern] + " /var/log/app") { |io| io.read }
    # ruleid: ruby.lang.command-injection
    listing = %x(ls -la #{params[:dir]})
    head :ok
  end

  def safe
    # ok: ruby.lang.command-injection
    system("nslookup", params[:host])
    # ok: ruby.lang.command-injection
    out, status = Open3.capture2("convert", "upload.png", "-resize", params[:size], "out.png")
    # ok: ruby.lang.command-injection
    output = `ping -c 1 #{Shellwords.escape(params[:host])}`
    # ok: ruby.lang.command-injection
    tail = `tail -n #{params[:lines].to_i} /var/log/app.log`
    # ok: ruby.lang.command-injection
    uptime = `uptime`
    head :ok
  end
end
