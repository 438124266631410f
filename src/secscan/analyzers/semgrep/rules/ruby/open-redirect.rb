class SessionsController < ApplicationController
  def create
    user = User.authenticate(params[:email], params[:password])
    if user
      session[:user_id] = user.id
      # ruleid: ruby.rails.open-redirect
      redirect_to params[:return_to], allow_other_host: true
    else
      render :new
    end
  end

  def continue
    # ruleid: ruby.rails.open-redirect
    redirect_to request.referer
  end

  def jump
    # ruleid: ruby.rails.open-redirect
    redirect_to "https://#{params[:host]}/welcome"
  end

  def safe
    # ok: ruby.rails.open-redirect
    redirect_to url_from(params[:return_to]) || root_path
  end

  def safe_paths
    # ok: ruby.rails.open-redirect
    redirect_to "/orders/#{params[:id]}"
  end

  def safe_helper
    # ok: ruby.rails.open-redirect
    redirect_to order_path(params[:id])
  end

  def safe_root
    # ok: ruby.rails.open-redirect
    redirect_to root_path, notice: "Signed out"
  end
end

class OrdersController < ApplicationController
  def update
    @order = Order.find(params[:id])
    @order.update(order_params)
    # ok: ruby.rails.open-redirect
    redirect_to @order
  end
end
